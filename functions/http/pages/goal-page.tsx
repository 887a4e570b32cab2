// The goal page, read like a dashboard: the goal and where it stands, this week and the chart first; the
// history next; then the changes, each behind a labelled <details> that opens without script (and opens by
// itself when the page comes back with an error in it); stopping, signing out and deleting last.
import { typoScript } from './address-typo.js';
import { timeZoneScript } from './time-zone-field.js';
import { marginLine, ruleLine } from '../../core/progress/standing.js';
import { ChangeHistory } from './goal-change.js';
import type { Goal } from '../../core/goal.js';
import { t, tPlural, type MessageKey } from '../../core/i18n/messages.js';
import type { Progress } from '../../core/progress/progress.js';
import { formatDate, formatLocal } from '../../core/schedule/checkins.js';
import { verdictOf, verdictText } from '../../core/emails/verdict.js';
import { ErrorSummary } from './form-parts.js';
import { buddyState, GOAL_FIELDS, type GoalErrors } from './goal-settings.js';
import { GoalForms } from './goal-forms.js';
import { CircleJoinNotice } from './circle-pages.js';
import { GoalQuote } from './goal-quote.js';
import { Layout } from './layout.js';
import { ProgressChart } from './progress-chart.js';
import { targetFor } from '../../core/progress/targets.js';

export type GoalNotice = 'confirmed' | 'paused' | 'resumed' | 'rescheduled' | 'stopped' | 'invited' | 'notes' | 'stepUp' | 'loop' | 'changed' | 'unchanged' | 'removed';

export interface GoalPageProps {
  goal: Goal;
  progress: Progress;
  nonce: string;
  /** The goal page's own path; actions post to `${path}/pause` etc. */
  path: string;
  weekPath: (week: number) => string;
  notice?: GoalNotice | undefined;
  errors?: GoalErrors;
  /** What was typed into a form sent back with an error: shown again, never lost. */
  values?: Record<string, string>;
  /** The moment of the view: a circle's join link is offered only while it works. */
  now: Date;
}

const when = (goal: Goal, iso: string) => formatLocal(new Date(iso), goal.timeZone, goal.locale);

function noticeText(goal: Goal, notice: GoalNotice): string {
  const locale = goal.locale;
  const next = goal.nextCheckinAt ? when(goal, goal.nextCheckinAt) : '';
  const keys: Record<GoalNotice, MessageKey> = {
    confirmed: 'confirm.done',
    paused: 'goal.paused.saved',
    resumed: 'goal.resumed.saved',
    rescheduled: 'goal.schedule.saved',
    stopped: 'goal.stopped.saved',
    invited: 'goal.buddy.invitedNotice',
    notes: 'goal.buddy.notesSaved',
    stepUp: 'goal.stepUp.sent',
    loop: 'goal.loop.saved',
    changed: 'change.saved',
    unchanged: 'change.unchanged',
    removed: 'goal.supporters.removed',
  };
  const last = goal.changes?.at(-1);
  return t(locale, keys[notice], { when: next, week: last?.fromWeek ?? '', perWeek: goal.targetPerWeek, weeks: goal.weeks });
}

/** Paused, finished or stopped: said once, near the top, with what to do about it. */
function StatusNote({ goal, path, announce }: { goal: Goal; path: string; announce: boolean }) {
  const locale = goal.locale;
  if (goal.status === 'paused') {
    const text =
      goal.pauseReason === 'unsubscribed'
        ? t(locale, 'goal.paused.unsubscribed')
        : goal.resumeAt
          ? t(locale, 'goal.paused.until', { date: formatDate(new Date(goal.resumeAt), goal.timeZone, locale) })
          : t(locale, 'goal.paused.open');
    return (
      <div class="note">
        <p>{text}</p>
        <form method="post" action={`${path}/resume`}>
          <button type="submit">{t(locale, 'goal.resume.button')}</button>
        </form>
      </div>
    );
  }
  if (goal.status !== 'completed' && goal.status !== 'stopped') return null;
  return (
    <div class="note" role={announce ? 'status' : undefined}>
      <p>{t(locale, goal.status === 'completed' ? 'goal.completed.note' : 'goal.stopped.note')}</p>
      <p>
        <a class="button" href={`/?lang=${locale}`}>
          {t(locale, 'goal.newGoal')}
        </a>
      </p>
    </div>
  );
}

/** This week's answer (or the verdict, once the weeks are over), with the way to change it, and the totals. */
function ThisWeek({ goal, progress, weekPath }: Pick<GoalPageProps, 'goal' | 'progress' | 'weekPath'>) {
  const locale = goal.locale;
  const open = goal.status === 'active' || goal.status === 'paused';
  const week = progress.closedWeeks;
  const row = progress.rows[week - 1];
  const target = goal.targetPerWeek;
  let heading: string;
  let body;
  if (goal.status === 'completed') {
    const verdict = verdictOf(goal, progress);
    heading = verdictText(goal, verdict, 'email.final.heading', verdict.vars);
    body = (
      <>
        <p class={verdict.reached ? 'lead verdict reached' : 'lead verdict'}>{verdict.slots.text}</p>
        <p class="muted">{verdict.rule}</p>
      </>
    );
  } else if (!row) {
    // Before the first check-in: the label above already says "This week", so the heading names the week.
    heading = t(locale, 'goal.weekOf', { week: 1, weeks: goal.weeks });
    body = goal.status === 'active' && goal.nextCheckinAt ? <p>{t(locale, 'goal.now.first', { when: when(goal, goal.nextCheckinAt) })}</p> : null;
  } else {
    heading = t(locale, 'goal.weekOf', { week, weeks: goal.weeks });
    const state =
      row.count !== null ? (
        <>
          <strong>{row.count}</strong>
          <span class={row.onTarget ? 'verdict reached' : 'verdict'}>
            {row.onTarget ? t(locale, 'goal.now.reached', { target }) : t(locale, 'goal.now.short', { target, short: target - row.count })}
          </span>
        </>
      ) : (
        <span>{t(locale, row.state === 'paused' ? 'goal.now.paused' : row.state === 'joker' ? 'goal.now.joker' : open ? 'goal.now.none' : 'week.closed.none', { week })}</span>
      );
    body = (
      <>
        <div class="now">{state}</div>
        {open && (
          <p>
            <a class={row.count === null ? 'button' : 'button secondary'} href={weekPath(week)}>
              {t(locale, row.count === null ? 'goal.now.answer' : 'goal.now.change', { week })}
            </a>
          </p>
        )}
      </>
    );
  }
  return (
    <section class="card" aria-labelledby="now-heading">
      <p class="muted">{goal.status === 'completed' || goal.status === 'stopped' ? t(locale, 'goal.now.over') : t(locale, 'goal.now.label')}</p>
      <h2 id="now-heading">{heading}</h2>
      {body}
    </section>
  );
}

function Totals({ goal, progress }: Pick<GoalPageProps, 'goal' | 'progress'>) {
  const locale = goal.locale;
  return (
    <div class="stats">
      <div>
        {t(locale, 'goal.total')}
        <strong data-testid="total">{t(locale, 'goal.total.value', { total: progress.total, targetTotal: progress.targetTotal })}</strong>
      </div>
      <div>
        {t(locale, 'goal.weeksOnTarget')}
        <strong data-testid="on-target">
          {t(locale, goal.status === 'completed' ? 'goal.weeksOnTarget.final' : 'goal.weeksOnTarget.value', {
            onTarget: progress.weeksOnTarget,
            closed: progress.closedWeeks,
          })}
        </strong>
      </div>
      <div>
        {t(locale, 'goal.streak')}
        <strong data-testid="streak">{tPlural(locale, 'goal.streak.value', progress.streak, { streak: progress.streak })}</strong>
      </div>
      <p class="span-all" data-testid="rule">
        {ruleLine(goal, progress)} {goal.status === 'completed' ? '' : marginLine(goal, progress)}
      </p>
    </div>
  );
}

function History({ goal, progress, weekPath }: Pick<GoalPageProps, 'goal' | 'progress' | 'weekPath'>) {
  const locale = goal.locale;
  const open = goal.status === 'active' || goal.status === 'paused';
  const rows = progress.rows.filter((row) => row.state !== 'upcoming').reverse();
  return (
    <section class="card span" aria-labelledby="history-heading">
      <h2 id="history-heading">{t(locale, 'goal.history')}</h2>
      <table class="history" data-testid="history">
        <thead>
          <tr>
            <th scope="col">{t(locale, 'goal.history.week')}</th>
            <th scope="col">{t(locale, 'goal.history.count')}</th>
            <th scope="col">{t(locale, 'goal.history.channel')}</th>
            <th scope="col">{t(locale, 'goal.history.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.week}</th>
              <td>
                {row.count ?? <span class="muted">{t(locale, row.state === 'paused' ? 'goal.history.paused' : row.state === 'joker' ? 'goal.history.joker' : 'goal.history.noAnswer')}</span>}
                {open && (
                  <>
                    {' '}
                    <a href={weekPath(row.week)} aria-label={t(locale, 'goal.now.change', { week: row.week })}>
                      {t(locale, 'goal.history.change')}
                    </a>
                  </>
                )}
              </td>
              <td data-label={row.channel ? t(locale, 'goal.history.channel') : undefined}>{row.channel ? t(locale, `channel.${row.channel}`) : ''}</td>
              <td data-label={row.note ? t(locale, 'goal.history.note') : undefined}>{row.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function GoalPage({ goal, progress, nonce, path, weekPath, notice, errors = {}, values = {}, now }: GoalPageProps) {
  const locale = goal.locale;
  const showNext = goal.status === 'active' && goal.nextCheckinAt && (goal.nextWeek ?? 1) <= goal.weeks;
  const started = goal.status !== 'pending';
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'goal.title')} wide>
      <div class="title-row">
        <h1>{t(locale, 'goal.title')}</h1>
        <span class={`pill ${goal.status}`} data-testid="status">
          {t(locale, `goal.status.${goal.status}`)}
        </span>
      </div>
      <ErrorSummary locale={locale} order={GOAL_FIELDS} errors={errors} />
      {/* Just stopped: the note below says so, and what next. */}
      {notice && !(notice === 'stopped' && goal.status === 'stopped') && (
        <p class="notice" role="status">
          {noticeText(goal, notice)}
        </p>
      )}
      <StatusNote goal={goal} path={path} announce={notice === 'stopped'} />
      <CircleJoinNotice goal={goal} now={now} />
      <div class="dashboard">
        <div class="card">
          <GoalQuote goal={goal} />
          <dl class="facts">
            <dt>{t(locale, 'goal.target')}</dt>
            <dd>{t(locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })}</dd>
            {showNext && (
              <>
                <dt>{t(locale, 'goal.nextCheckin')}</dt>
                <dd data-testid="next-checkin">
                  {t(locale, 'goal.nextCheckin.value', { when: when(goal, goal.nextCheckinAt as string), timeZone: goal.timeZone })}
                </dd>
              </>
            )}
            <dt>{t(locale, 'goal.buddy')}</dt>
            <dd data-testid="buddy">{buddyState(goal)}</dd>
          </dl>
        </div>
        {started && <ThisWeek goal={goal} progress={progress} weekPath={weekPath} />}
        {started && (
          <section class="card span" aria-labelledby="chart-heading">
            <h2 id="chart-heading">{t(locale, 'email.final.chart')}</h2>
            <ProgressChart progress={progress} target={goal.targetPerWeek} locale={locale} targetOf={(week) => targetFor(goal, week)} />
            <p class="legend">{t(locale, 'goal.chart.legend', { perWeek: goal.targetPerWeek })}</p>
            <Totals goal={goal} progress={progress} />
          </section>
        )}
        {started && <History goal={goal} progress={progress} weekPath={weekPath} />}
        <ChangeHistory goal={goal} />
      </div>
      <GoalForms goal={goal} path={path} errors={errors} values={values} />
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: typoScript + timeZoneScript }} />
    </Layout>
  );
}
