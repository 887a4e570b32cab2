// The buddy's pages: the invitation (yes / no thanks), a reaction to send, leaving, and the list of
// goals they follow. Each is a page with POST buttons: a GET changes nothing.
import type { Goal } from '../../core/goal.js';
import { ownerLabel, type ReactionKind } from '../../core/buddy/buddy-emails.js';
import { MAX_REACTION_MESSAGE } from '../../core/buddy/reactions.js';
import { locales, t, type MessageKey } from '../../core/i18n/messages.js';
import { GoalQuote } from './goal-quote.js';
import { Layout } from './layout.js';


export function InvitationPage({ goal, nonce, action }: { goal: Goal; nonce: string; action: string }) {
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'invite.title', { owner })}>
      <h1>{t(locale, 'invite.title', { owner })}</h1>
      <div class="card">
        <p>{t(locale, 'invite.lead', { owner })}</p>
        <GoalQuote goal={goal} />
        <p>{t(locale, 'invite.means')}</p>
        <div class="buttons">
          <form method="post" action={`${action}/accept`}>
            <button type="submit">{t(locale, 'invite.accept')}</button>
          </form>
          <form method="post" action={`${action}/decline`}>
            <button type="submit" class="secondary">
              {t(locale, 'invite.decline')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** What a buddy's answer is called in the page title: a yes, a no thanks, or leaving. */
const doneTitles = {
  'invite.accepted': 'buddyDone.title.yes',
  'invite.already': 'buddyDone.title.yes',
  'invite.declined': 'buddyDone.title.no',
  'leave.done': 'buddyDone.title.left',
} as const satisfies Record<string, MessageKey>;
export type BuddyDone = keyof typeof doneTitles;

/** One sentence, in the goal's language, after a buddy did something. */
export function BuddyDonePage({ goal, nonce, messageKey }: { goal: Goal; nonce: string; messageKey: BuddyDone }) {
  const locale = goal.locale;
  const title = t(locale, doneTitles[messageKey]);
  return (
    <Layout locale={locale} nonce={nonce} title={title}>
      <h1>{title}</h1>
      <p class="notice" role="status">
        {t(locale, messageKey, { owner: ownerLabel(goal) })}
      </p>
      <div class="card">
        <GoalQuote goal={goal} />
      </div>
    </Layout>
  );
}

export interface ReactionPageProps {
  goal: Goal;
  kind: ReactionKind;
  week: number;
  nonce: string;
  action: string;
  error?: MessageKey | undefined;
  outcome?: 'sent' | 'already' | undefined;
}

export function ReactionPage({ goal, kind, week, nonce, action, error, outcome }: ReactionPageProps) {
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  const reaction = t(locale, `react.${kind}`);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'react.title', { reaction, owner })}>
      <h1>{t(locale, 'react.title', { reaction, owner })}</h1>
      {outcome && (
        <p class="notice" role="status" data-testid="reaction-outcome">
          {outcome === 'sent' ? t(locale, 'react.sent', { owner }) : t(locale, 'react.already', { week })}
        </p>
      )}
      <div class="card">
        <GoalQuote goal={goal} />
        {!outcome && (
          <form method="post" action={action} novalidate>
            {kind === 'ask' && (
              <div class="field">
                <label for="message">{t(locale, 'react.message')}</label>
                <textarea id="message" name="message" maxlength={MAX_REACTION_MESSAGE} aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? 'message-error' : undefined} />
                {error && <p class="error" id="message-error">{t(locale, error)}</p>}
              </div>
            )}
            <button type="submit">{t(locale, 'react.send')}</button>
          </form>
        )}
      </div>
    </Layout>
  );
}

export function LeavePage({ goal, nonce, action }: { goal: Goal; nonce: string; action: string }) {
  const locale = goal.locale;
  const owner = ownerLabel(goal);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'leave.title', { owner })}>
      <h1>{t(locale, 'leave.title', { owner })}</h1>
      <div class="card">
        <p>{t(locale, 'leave.lead')}</p>
        <GoalQuote goal={goal} />
        <form method="post" action={action}>
          <button type="submit" class="danger">{t(locale, 'leave.button')}</button>
        </form>
      </div>
    </Layout>
  );
}

export interface FollowedGoal {
  goal: Goal;
  leaveAction: string;
}

export interface BuddyListPageProps {
  locale: Goal['locale'];
  nonce: string;
  goals: FollowedGoal[];
  languageAction: string;
  forgetAction: string;
  forgetSent: boolean;
}

export function BuddyListPage({ locale, nonce, goals, languageAction, forgetAction, forgetSent }: BuddyListPageProps) {
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'buddyPage.title')}>
      <h1>{t(locale, 'buddyPage.title')}</h1>
      <form method="post" action={languageAction} class="card">
        <div class="field">
          <label for="lang">{t(locale, 'buddyPage.language')}</label>
          <select id="lang" name="lang">
            {locales.map((l) => (
              <option value={l} selected={locale === l}>
                {t(l, 'lang.name')}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {t(locale, 'goal.buddy.shareNotes.save')}
        </button>
      </form>
      {goals.length === 0 && <p class="card">{t(locale, 'buddyPage.none')}</p>}
      {goals.map(({ goal, leaveAction }) => (
        <div class="card">
          <h2>{ownerLabel(goal)}</h2>
          <GoalQuote goal={goal} />
          <form method="post" action={leaveAction}>
            <button type="submit" class="secondary">{t(locale, 'buddyPage.leave')}</button>
          </form>
        </div>
      ))}
      <form method="post" action={forgetAction} class="card">
        <h2>{t(locale, 'buddyPage.forget.legend')}</h2>
        {forgetSent ? (
          <p class="notice" role="status">
            {t(locale, 'goal.stepUp.sent')}
          </p>
        ) : (
          <p class="hint">{t(locale, 'buddyPage.forget.hint')}</p>
        )}
        <button type="submit" class="danger">{t(locale, 'buddyPage.forget.button')}</button>
      </form>
    </Layout>
  );
}
