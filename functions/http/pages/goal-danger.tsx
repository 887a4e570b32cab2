// What cannot be taken back, last on the goal page and never one click: stopping the goal goes through a
// page of its own that says what stops; deleting everything asks for a tick and then an emailed link;
// signing every link out is behind its panel, and emails a fresh link at once.
import type { Goal } from '../../core/goal.js';
import { t } from '../../core/i18n/messages.js';
import { formatLocal } from '../../core/schedule/checkins.js';
import { Panel } from './form-parts.js';
import { fieldOf, type GoalErrors } from './goal-settings.js';
import { GoalQuote } from './goal-quote.js';
import { Layout } from './layout.js';

export function DangerZone({ goal, path, errors }: { goal: Goal; path: string; errors: GoalErrors }) {
  const locale = goal.locale;
  const running = goal.status === 'active' || goal.status === 'paused';
  const confirm = fieldOf(locale, errors)('confirm', 'goal.delete.confirm');
  return (
    <section aria-labelledby="danger-heading">
      <h2 id="danger-heading">{t(locale, 'goal.danger.heading')}</h2>
      <div class="panels danger-zone">
        {running && (
          <Panel id="stop" title={t(locale, 'goal.stop.legend')} value={t(locale, 'goal.stop.hint')}>
            <a class="button danger-quiet" href={`${path}/stop`}>
              {t(locale, 'goal.stop.next')}
            </a>
          </Panel>
        )}
        <Panel id="sign-out" title={t(locale, 'signOut.legend')}>
          <form method="post" action={`${path}/sign-out`}>
            <p>{t(locale, 'signOut.hint')}</p>
            <button type="submit" class="secondary">
              {t(locale, 'signOut.button')}
            </button>
          </form>
        </Panel>
        <Panel id="delete" title={t(locale, 'goal.delete.legend')} value={t(locale, 'goal.delete.hint')} open={Boolean(errors.confirm)}>
          <form method="post" action={`${path}/delete`}>
            <p>{t(locale, 'goal.stepUp.hint')}</p>
            <div class="field">
              <label class="check">
                <input type="checkbox" id="confirm" name="confirm" value="yes" aria-invalid={confirm.error ? 'true' : undefined}
                  aria-describedby={confirm.error ? 'confirm-error' : undefined} autofocus={confirm.error && confirm.focus ? true : undefined} />{' '}
                {confirm.label}
              </label>
              {confirm.error && (
                <p class="error" id="confirm-error">
                  {t(locale, confirm.error)}
                </p>
              )}
            </div>
            <button type="submit" class="danger">
              {t(locale, 'goal.delete.emailButton')}
            </button>
          </form>
        </Panel>
      </div>
    </section>
  );
}

/** The second step of "Stop this goal": what stops, what stays, and the one button that stops it. */
export function StopPage({ goal, nonce, action, goalPath }: { goal: Goal; nonce: string; action: string; goalPath: string }) {
  const locale = goal.locale;
  const buddy = goal.buddy?.name ?? goal.buddy?.email;
  const next = goal.status === 'active' && goal.nextCheckinAt ? formatLocal(new Date(goal.nextCheckinAt), goal.timeZone, locale) : undefined;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'stop.title')}>
      <h1>{t(locale, 'stop.title')}</h1>
      <div class="card">
        <GoalQuote goal={goal} />
        <p>{t(locale, 'stop.lead')}</p>
        <ul data-testid="what-stops">
          <li>{next ? t(locale, 'stop.checkins', { when: next }) : t(locale, 'stop.checkins.paused')}</li>
          {buddy && goal.buddy?.status === 'accepted' && <li>{t(locale, 'stop.buddy', { buddy })}</li>}
          {buddy && goal.buddy?.status !== 'accepted' && <li>{t(locale, 'stop.buddyInvited', { buddy })}</li>}
          <li>{t(locale, 'stop.final', { weeks: goal.weeks })}</li>
          <li>{t(locale, 'stop.links')}</li>
        </ul>
        <p>{t(locale, 'stop.kept')}</p>
        <p>
          <strong>{t(locale, 'stop.undo')}</strong>
        </p>
        <div class="buttons">
          <form method="post" action={action}>
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="danger">
              {t(locale, 'stop.confirm')}
            </button>
          </form>
          <a class="button secondary" href={goalPath}>
            {t(locale, 'stop.cancel')}
          </a>
        </div>
      </div>
      {goal.status === 'active' && (
        <p class="muted">
          {t(locale, 'stop.pauseInstead')} <a href={`${goalPath}#pause`}>{t(locale, 'goal.pause.button')}</a>
        </p>
      )}
    </Layout>
  );
}
