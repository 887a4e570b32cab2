// "Find my goals": the form that asks (/find), the answer that reads the same for every address, and the
// emailed list of every goal an address owns or follows (/me/<token>), with state and next check-in.
import { ownerLabel } from '../../core/buddy/buddy-emails.js';
import type { ListedGoal } from '../../core/goals/my-goals.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { formatLocal } from '../../core/schedule/checkins.js';
import { ErrorSummary, Field } from './form-parts.js';
import { GoalQuote } from './goal-quote.js';
import { Layout } from './layout.js';
import { MessagePage } from './message-page.js';

const FIELDS = ['email'] as const;

export function FindPage({ locale, nonce, email = '', error }: { locale: Locale; nonce: string; email?: string; error?: MessageKey | undefined }) {
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'find.title')} languagePath="/find">
      <h1>{t(locale, 'find.title')}</h1>
      <p class="lead">{t(locale, 'find.lead')}</p>
      <ErrorSummary locale={locale} order={FIELDS} errors={{ email: error }} />
      <form method="post" action={`/find?lang=${locale}`} class="card" novalidate>
        <Field name="email" label={t(locale, 'find.email')} locale={locale} error={error} focus>
          {(c) => <input {...c} type="email" autocomplete="email" required maxlength={254} value={email} />}
        </Field>
        <div class="buttons">
          <button type="submit">{t(locale, 'find.submit')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** The same words whatever the address: whether it has goals, none, or asked never to be emailed. */
export function FindSentPage({ locale, nonce, email }: { locale: Locale; nonce: string; email: string }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'find.sent.title')} role="status">
      <p>{t(locale, 'find.sent.body', { email })}</p>
      <p>
        <a href={`/find?lang=${locale}`}>{t(locale, 'find.sent.again')}</a>
      </p>
    </MessagePage>
  );
}

function ListedCard({ entry, locale }: { entry: ListedGoal; locale: Locale }) {
  const { goal } = entry;
  const next = goal.status === 'active' && goal.nextCheckinAt && (goal.nextWeek ?? 1) <= goal.weeks ? goal.nextCheckinAt : undefined;
  return (
    <div class="card" data-testid="listed-goal">
      {entry.role === 'buddy' && <h3>{t(locale, 'me.ownerGoal', { owner: ownerLabel(goal) })}</h3>}
      <GoalQuote goal={goal} />
      <p>
        <span class={`pill ${goal.status}`}>{t(locale, `goal.status.${goal.status}`)}</span>
      </p>
      {next && <p>{t(locale, 'me.next', { when: formatLocal(new Date(next), goal.timeZone, locale), timeZone: goal.timeZone })}</p>}
      <p>
        <a href={entry.url}>{t(locale, entry.role === 'owner' ? 'me.open' : 'me.buddyPage')}</a>
      </p>
    </div>
  );
}

export function MyGoalsPage({ locale, nonce, email, listed }: { locale: Locale; nonce: string; email: string; listed: ListedGoal[] }) {
  const owned = listed.filter((l) => l.role === 'owner');
  const followed = listed.filter((l) => l.role === 'buddy');
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'me.title')}>
      <h1>{t(locale, 'me.title')}</h1>
      <p class="lead">{t(locale, 'me.lead', { email })}</p>
      {listed.length === 0 && <p class="card">{t(locale, 'me.none')}</p>}
      {owned.length > 0 && (
        <section aria-labelledby="owned-heading">
          <h2 id="owned-heading">{t(locale, 'me.owned')}</h2>
          {owned.map((entry) => (
            <ListedCard entry={entry} locale={locale} />
          ))}
        </section>
      )}
      {followed.length > 0 && (
        <section aria-labelledby="followed-heading">
          <h2 id="followed-heading">{t(locale, 'me.followed')}</h2>
          {followed.map((entry) => (
            <ListedCard entry={entry} locale={locale} />
          ))}
        </section>
      )}
      <p class="muted">{t(locale, 'me.expires')}</p>
    </Layout>
  );
}
