// The confirm link's pages: a GET shows the goal and one button (mail scanners open every link); only
// its POST starts the goal. A second click finds it started and points to the goal page.
import type { Goal } from '../../core/goal.js';
import { scheduleText } from '../../core/goals/sign-up.js';
import { invitationPreview } from '../../core/buddy/invitations.js';
import { t } from '../../core/i18n/messages.js';
import { GoalQuote } from './goal-quote.js';
import { Layout } from './layout.js';

export function ConfirmPage({ goal, nonce, action }: { goal: Goal; nonce: string; action: string }) {
  const locale = goal.locale;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'confirm.title')}>
      <h1>{t(locale, 'confirm.title')}</h1>
      <div class="card">
        <p>{t(locale, 'confirm.lead')}</p>
        <GoalQuote goal={goal} />
        <dl class="facts">
          <dt>{t(locale, 'form.schedule.legend')}</dt>
          <dd>{scheduleText(goal)}</dd>
        </dl>
        <p class="muted" data-testid="invitation-preview">
          {invitationPreview(goal)}
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
          <a class="button" href={goalUrl}>
            {t(locale, 'confirm.toGoal')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
