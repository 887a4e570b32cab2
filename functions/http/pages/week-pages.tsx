// The one-click landing page (records only by POST) and a week's page (the answer, change it, add a note).
// Neither links to the goal page; the week page offers to email a fresh link to the owner instead.
import type { Goal } from '../../core/goals/goal.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { channels, isCounted, MAX_WEEK_COUNT, type WeekAnswer } from '../../core/progress/answers.js';
import type { Progress } from '../../core/progress/progress.js';
import { Layout } from './layout.js';
import { ProgressChart } from './progress-chart.js';

export interface RecordPageProps {
  goal: Goal;
  week: number;
  count: number;
  nonce: string;
  action: string;
  /** Submit by itself: only in a browser the owner asked to remember, which no mail scanner holds. */
  autoSubmit: boolean;
}

export function RecordPage({ goal, week, count, nonce, action, autoSubmit }: RecordPageProps) {
  const locale = goal.locale;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'record.title', { count, week })}>
      <h1>{t(locale, 'record.title', { count, week })}</h1>
      <div class="card">
        <p class="goal-quote">{goal.text}</p>
        <form method="post" action={action} id="record">
          <button type="submit" class="big">{t(locale, 'record.button', { count })}</button>
          <p>
            <label>
              <input type="checkbox" name="remember" value="on" checked class="inline" /> {t(locale, 'record.remember')}
            </label>
          </p>
        </form>
        {!autoSubmit && <p class="hint">{t(locale, 'record.why')}</p>}
        {autoSubmit && (
          <>
            <p class="muted" aria-live="polite">
              {t(locale, 'record.auto')}
            </p>
            <script nonce={nonce} dangerouslySetInnerHTML={{ __html: `document.getElementById('record').submit();` }} />
          </>
        )}
      </div>
    </Layout>
  );
}

export interface WeekFormErrors {
  count?: MessageKey;
  note?: MessageKey;
  channel?: MessageKey;
}

export interface WeekPageProps {
  goal: Goal;
  week: number;
  answer?: WeekAnswer | undefined;
  progress: Progress;
  nonce: string;
  /** The week page's own path: its form posts here, and "email me my goal page" to `${action}/goal-link`. */
  action: string;
  notice?: 'saved' | 'goalLinkSent' | undefined;
  errors?: WeekFormErrors;
  values?: { count?: string; note?: string; channel?: string };
}

export function WeekPage(props: WeekPageProps) {
  const { goal, week, answer, progress, nonce, action, notice, errors = {}, values = {} } = props;
  const locale = goal.locale;
  const counted = isCounted(answer) ? answer : undefined;
  const count = values.count ?? (counted ? String(counted.count) : '');
  const note = values.note ?? answer?.note ?? '';
  const channel = values.channel ?? answer?.channel ?? '';
  const invalid = (field: keyof WeekFormErrors) => (errors[field] ? 'true' : undefined);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'week.title', { week, weeks: goal.weeks })}>
      <h1>{t(locale, 'week.title', { week, weeks: goal.weeks })}</h1>
      {counted ? (
        <p class="notice" role="status" data-testid="recorded">
          {notice === 'saved' ? `${t(locale, 'week.saved')} ` : ''}
          {t(locale, 'week.recorded', { count: counted.count, week })} {t(locale, 'week.recorded.change')}
        </p>
      ) : (
        <p class="muted">{t(locale, 'week.notYet', { week })}</p>
      )}
      <div class="card">
        <p class="goal-quote">{goal.text}</p>
        <ProgressChart progress={progress} target={goal.targetPerWeek} locale={locale} />
      </div>
      <form method="post" action={action} class="card" novalidate>
        <div class="field">
          <label for="count">{t(locale, 'week.count', { week })}</label>
          <input id="count" name="count" type="number" inputmode="numeric" min={0} max={MAX_WEEK_COUNT} step={1} required
            value={count} aria-invalid={invalid('count')} aria-describedby={errors.count ? 'count-error' : undefined} />
          {errors.count && <p class="error" id="count-error">{t(locale, errors.count)}</p>}
        </div>
        <div class="field">
          <label for="note">{t(locale, 'week.note')}</label>
          <textarea id="note" name="note" maxlength={1000} aria-invalid={invalid('note')}
            aria-describedby={errors.note ? 'note-error' : undefined}>{note}</textarea>
          {errors.note && <p class="error" id="note-error">{t(locale, errors.note)}</p>}
        </div>
        <div class="field">
          <label for="channel">{t(locale, 'channel.legend')}</label>
          <select id="channel" name="channel" aria-invalid={invalid('channel')}>
            <option value="">{t(locale, 'channel.none')}</option>
            {channels.map((c) => (
              <option value={c} selected={channel === c}>
                {t(locale, `channel.${c}`)}
              </option>
            ))}
          </select>
          {errors.channel && <p class="error">{t(locale, errors.channel)}</p>}
        </div>
        <button type="submit">{t(locale, 'week.save')}</button>
      </form>
      <GoalLinkForm locale={locale} action={`${action}/goal-link`} sent={notice === 'goalLinkSent'} />
    </Layout>
  );
}

/** "Email me my goal page": the narrow pages' way to the goal page, through the owner's inbox. */
export function GoalLinkForm({ locale, action, sent }: { locale: Locale; action: string; sent: boolean }) {
  return (
    <form method="post" action={action} class="card">
      {sent ? (
        <p class="notice" role="status">
          {t(locale, 'goalLink.sent')}
        </p>
      ) : (
        <p class="hint">{t(locale, 'goalLink.hint')}</p>
      )}
      <button type="submit" class="secondary">{t(locale, 'goalLink.button')}</button>
    </form>
  );
}
