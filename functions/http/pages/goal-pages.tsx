// The confirm page (GET shows a button; only its POST changes anything) and the goal page.
import type { Goal } from '../../core/goals/goal.js';
import { scheduleText } from '../../core/goals/sign-up.js';
import { t } from '../../core/i18n/messages.js';
import { formatLocal } from '../../core/schedule/checkins.js';
import { Layout } from './layout.js';

function GoalQuote({ goal }: { goal: Goal }) {
  return <p class="goal-quote">{goal.text}</p>;
}

export function ConfirmPage({ goal, nonce, action }: { goal: Goal; nonce: string; action: string }) {
  const locale = goal.locale;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'confirm.title')}>
      <h1>{t(locale, 'confirm.title')}</h1>
      <div class="card">
        <p>{t(locale, 'confirm.lead')}</p>
        <GoalQuote goal={goal} />
        <p>
          {t(locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })} · {scheduleText(goal)}
        </p>
        <form method="post" action={action}>
          <button type="submit">{t(locale, 'confirm.button')}</button>
        </form>
      </div>
    </Layout>
  );
}

export function AlreadyConfirmedPage({ goal, nonce, goalUrl }: { goal: Goal; nonce: string; goalUrl: string }) {
  const locale = goal.locale;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'confirm.title')}>
      <h1>{t(locale, 'confirm.already')}</h1>
      <div class="card">
        <GoalQuote goal={goal} />
        <p>
          <a href={goalUrl}>{t(locale, 'confirm.toGoal')}</a>
        </p>
      </div>
    </Layout>
  );
}

export function GoalPage({ goal, nonce, justConfirmed }: { goal: Goal; nonce: string; justConfirmed: boolean }) {
  const locale = goal.locale;
  const buddy = goal.buddy;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'goal.title')}>
      <h1>{t(locale, 'goal.title')}</h1>
      {justConfirmed && (
        <p class="notice" role="status">
          {t(locale, 'confirm.done')}
        </p>
      )}
      <div class="card">
        <GoalQuote goal={goal} />
        <dl>
          <dt>{t(locale, 'goal.status')}</dt>
          <dd data-testid="status">{t(locale, `goal.status.${goal.status}`)}</dd>
          <dt>{t(locale, 'goal.target')}</dt>
          <dd>{t(locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })}</dd>
          {goal.nextCheckinAt && (
            <>
              <dt>{t(locale, 'goal.nextCheckin')}</dt>
              <dd data-testid="next-checkin">
                {t(locale, 'goal.nextCheckin.value', {
                  when: formatLocal(new Date(goal.nextCheckinAt), goal.timeZone, locale),
                  timeZone: goal.timeZone,
                })}
              </dd>
            </>
          )}
          <dt>{t(locale, 'goal.buddy')}</dt>
          <dd>
            {buddy
              ? t(locale, 'goal.buddy.notInvited', { buddy: buddy.name ? `${buddy.name} <${buddy.email}>` : buddy.email })
              : t(locale, 'goal.buddy.none')}
          </dd>
        </dl>
      </div>
    </Layout>
  );
}
