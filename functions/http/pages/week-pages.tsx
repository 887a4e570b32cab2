// The one-click landing page (records only by POST) and a week's page (the answer, change it, add a note).
// Neither links to the goal page; the week page offers to email a fresh link to the owner instead.
import type { Goal } from '../../core/goal.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { channels, isCounted, MAX_WEEK_COUNT, type WeekAnswer } from '../../core/answers.js';
import type { Progress } from '../../core/progress/progress.js';
import { Layout } from './layout.js';
import { ProgressChart } from './progress-chart.js';
import { JokerForm } from './joker-form.js';
import { PlanForm, type PlanErrors } from './plan-form.js';
import { closedWeeks } from '../../core/progress/progress.js';

/** After recording the latest week of a running goal, the page asks for next week's one move. */
const asksPlan = (goal: Goal, week: number, answer: WeekAnswer | undefined) =>
  (goal.status === 'active' || goal.status === 'paused') && (isCounted(answer) || answer?.joker === true) && week === closedWeeks(goal) && week < goal.weeks;
import { backOnTrack } from '../../core/weekly/comeback.js';
import { targetFor } from '../../core/progress/targets.js';
import { ErrorSummary, Field, invalidFields } from './form-parts.js';

export interface RecordPageProps {
  goal: Goal;
  week: number;
  count: number;
  nonce: string;
  action: string;
  /** Submit by itself: only in a browser the owner asked to remember, which no mail scanner holds. */
  autoSubmit: boolean;
  /** The "N or more" button: ask for the exact number, N filled in (never submitted by itself). */
  orMore?: boolean;
  /** The exact number was not one: said next to the field. */
  countError?: boolean;
}

export function RecordPage({ goal, week, count, nonce, action, autoSubmit, orMore = false, countError = false }: RecordPageProps) {
  const locale = goal.locale;
  const title = t(locale, orMore ? 'record.orMore.title' : 'record.title', { count, week });
  return (
    <Layout locale={locale} nonce={nonce} title={title}>
      <h1>{title}</h1>
      <div class="card">
        <p class="goal-quote">{goal.text}</p>
        <form method="post" action={action} id="record">
          {orMore && (
            <Field name="count" label={t(locale, 'record.orMore.label', { week })} locale={locale} hint={t(locale, 'record.orMore.hint', { count })}
              error={countError ? 'errors.count.atLeast' : undefined} focus>
              {(c) => <input {...c} type="number" inputmode="numeric" min={count} max={MAX_WEEK_COUNT} step={1} required value={String(count)} />}
            </Field>
          )}
          <p>
            <button type="submit" class="big">
              {orMore ? t(locale, 'record.orMore.button') : t(locale, 'record.button', { count })}
            </button>
          </p>
          <label class="check">
            <input type="checkbox" name="remember" value="on" checked /> {t(locale, 'record.remember')}
          </label>
        </form>
        {(!autoSubmit || orMore) && <p class="hint">{t(locale, 'record.why')}</p>}
        {autoSubmit && !orMore && (
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
const WEEK_FIELDS = ['count', 'note', 'channel'] as const;

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
  /** What the person typed: shown back in the form, or, when the goal ended under it, kept to copy. */
  values?: { count?: string; note?: string; channel?: string };
  /** Jokers the goal has left (see core/weekly/jokers.ts). */
  jokersLeft?: number;
  /** The plan form sent back with an error, and what was typed in it. */
  planErrors?: PlanErrors;
  planValues?: Record<string, string>;
}

/** A week of a goal that has ended: the answer as it stands, and what was typed if a save came too late. */
function ClosedWeek({ goal, week, answer, values }: Pick<WeekPageProps, 'goal' | 'week' | 'answer' | 'values'>) {
  const locale = goal.locale;
  const counted = isCounted(answer) ? answer : undefined;
  const typed = values && (values.count || values.note);
  return (
    <>
      <div class="note" role={typed ? 'alert' : undefined} data-testid="closed">
        <p>{t(locale, goal.status === 'completed' ? 'week.closed.completed' : 'week.closed.stopped', { week })}</p>
      </div>
      {typed && (
        <div class="card" data-testid="kept">
          <p>
            <strong>{t(locale, 'week.closed.notSaved')}</strong>
          </p>
          {values.count && (
            <p>
              {t(locale, 'week.closed.typedCount')}: <strong>{values.count}</strong>
            </p>
          )}
          {values.note && (
            <div class="field">
              <label for="kept-note">{t(locale, 'week.closed.typedNote')}</label>
              <textarea id="kept-note" readonly>
                {values.note}
              </textarea>
            </div>
          )}
        </div>
      )}
      <div class="card">
        {counted ? (
          <dl class="facts" data-testid="recorded">
            <dt>{t(locale, 'goal.history.count')}</dt>
            <dd>{counted.count}</dd>
            {answer?.channel && (
              <>
                <dt>{t(locale, 'goal.history.channel')}</dt>
                <dd>{t(locale, `channel.${answer.channel}`)}</dd>
              </>
            )}
            {answer?.note && (
              <>
                <dt>{t(locale, 'goal.history.note')}</dt>
                <dd>{answer.note}</dd>
              </>
            )}
          </dl>
        ) : (
          <p class="muted">{t(locale, 'week.closed.none', { week })}</p>
        )}
      </div>
    </>
  );
}

function WeekForm({ goal, week, answer, action, errors = {}, values = {} }: WeekPageProps) {
  const locale = goal.locale;
  const counted = isCounted(answer) ? answer : undefined;
  const count = values.count ?? (counted ? String(counted.count) : '');
  const note = values.note ?? answer?.note ?? '';
  const channel = values.channel ?? answer?.channel ?? '';
  const first = invalidFields(WEEK_FIELDS, errors)[0];
  const field = (name: keyof WeekFormErrors, label: string) => ({ name, label, locale, error: errors[name], focus: name === first });
  return (
    <form method="post" action={action} class="card" id="week" novalidate>
      <Field {...field('count', t(locale, 'week.count', { week }))}>
        {(c) => <input {...c} type="number" inputmode="numeric" min={0} max={MAX_WEEK_COUNT} step={1} required value={count} />}
      </Field>
      <Field {...field('note', t(locale, 'week.note'))}>
        {(c) => (
          <textarea {...c} maxlength={1000}>
            {note}
          </textarea>
        )}
      </Field>
      <Field {...field('channel', t(locale, 'channel.legend'))}>
        {(c) => (
          <select {...c}>
            <option value="">{t(locale, 'channel.none')}</option>
            {channels.map((ch) => (
              <option value={ch} selected={channel === ch}>
                {t(locale, `channel.${ch}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit">{t(locale, 'week.save')}</button>
    </form>
  );
}

export function WeekPage(props: WeekPageProps) {
  const { goal, week, answer, progress, nonce, action, notice, errors = {} } = props;
  const locale = goal.locale;
  const counted = isCounted(answer) ? answer : undefined;
  const closed = goal.status === 'completed' || goal.status === 'stopped';
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'week.title', { week, weeks: goal.weeks })}>
      <h1>{t(locale, 'week.title', { week, weeks: goal.weeks })}</h1>
      {!closed && <ErrorSummary locale={locale} order={WEEK_FIELDS} errors={errors} />}
      {!closed &&
        (counted ? (
          <p class="notice" role="status" data-testid="recorded">
            {notice === 'saved' ? `${t(locale, 'week.saved')} ` : ''}
            {backOnTrack(progress, week) ? `${t(locale, 'week.backOnTrack')} ` : ''}
            {t(locale, 'week.recorded', { count: counted.count, week })} {t(locale, 'week.recorded.change')}
          </p>
        ) : (
          !answer?.joker && <p class="muted">{t(locale, 'week.notYet', { week })}</p>
        ))}
      {closed && <ClosedWeek {...props} />}
      <div class="card">
        <p class="goal-quote">{goal.text}</p>
        <ProgressChart progress={progress} target={goal.targetPerWeek} locale={locale} targetOf={(week) => targetFor(goal, week)} />
      </div>
      {!closed && <WeekForm {...props} />}
      {!closed && <JokerForm goal={goal} week={week} answer={answer} left={props.jokersLeft ?? 0} action={action} />}
      {!closed && (asksPlan(goal, week, answer) || props.planErrors) && <PlanForm goal={goal} week={week} action={action} errors={props.planErrors} values={props.planValues} />}
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
