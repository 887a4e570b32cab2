// The confirm page (GET shows a button; only its POST changes anything) and the goal page.
import type { Goal } from '../../core/goals/goal.js';
import { scheduleText } from '../../core/goals/sign-up.js';
import { t, tPlural, type MessageKey } from '../../core/i18n/messages.js';
import type { Progress } from '../../core/progress/progress.js';
import { formatDate, formatLocal } from '../../core/schedule/checkins.js';
import { GoalQuote } from './goal-quote.js';
import { ProgressChart } from './progress-chart.js';
import { invitationPreview, MAX_INVITATIONS_PER_GOAL } from '../../core/buddy/invitations.js';
import { HourOptions, WeekdayOptions } from './schedule-options.js';
import { Layout } from './layout.js';

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
        <p data-testid="invitation-preview">{invitationPreview(goal)}</p>
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

export type GoalNotice = 'confirmed' | 'paused' | 'resumed' | 'rescheduled' | 'stopped' | 'invited' | 'notes' | 'stepUp';

export interface GoalPageProps {
  goal: Goal;
  progress: Progress;
  nonce: string;
  /** The goal page's own path; actions post to `${path}/pause` etc. */
  path: string;
  weekPath: (week: number) => string;
  notice?: GoalNotice | undefined;
  errors?: { resumeOn?: MessageKey; confirm?: MessageKey } & BuddyErrors & ScheduleErrors;
}

function StatusNote({ goal }: { goal: Goal }) {
  const locale = goal.locale;
  if (goal.status === 'paused') {
    if (goal.pauseReason === 'unsubscribed') return <p class="notice">{t(locale, 'goal.paused.unsubscribed')}</p>;
    return (
      <p class="notice">
        {goal.resumeAt
          ? t(locale, 'goal.paused.until', { date: formatDate(new Date(goal.resumeAt), goal.timeZone, locale) })
          : t(locale, 'goal.paused.open')}
      </p>
    );
  }
  if (goal.status === 'completed') return <p class="notice">{t(locale, 'goal.completed.note')}</p>;
  if (goal.status === 'stopped') return <p class="notice">{t(locale, 'goal.stopped.note')}</p>;
  return null;
}

function noticeText(goal: Goal, notice: GoalNotice): string {
  const locale = goal.locale;
  const when = goal.nextCheckinAt ? formatLocal(new Date(goal.nextCheckinAt), goal.timeZone, locale) : '';
  switch (notice) {
    case 'confirmed':
      return t(locale, 'confirm.done');
    case 'paused':
      return t(locale, 'goal.paused.saved');
    case 'resumed':
      return t(locale, 'goal.resumed.saved', { when });
    case 'rescheduled':
      return t(locale, 'goal.schedule.saved', { when });
    case 'stopped':
      return t(locale, 'goal.stopped.saved');
    case 'invited':
      return t(locale, 'goal.buddy.invitedNotice');
    case 'notes':
      return t(locale, 'goal.buddy.notesSaved');
    case 'stepUp':
      return t(locale, 'goal.stepUp.sent');
  }
}

export function GoalPage({ goal, progress, nonce, path, weekPath, notice, errors = {} }: GoalPageProps) {
  const locale = goal.locale;
  const open = goal.status === 'active' || goal.status === 'paused';
  const showNext = goal.status === 'active' && goal.nextCheckinAt && (goal.nextWeek ?? 1) <= goal.weeks;
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'goal.title')}>
      <h1>{t(locale, 'goal.title')}</h1>
      {notice && (
        <p class="notice" role="status">
          {noticeText(goal, notice)}
        </p>
      )}
      <StatusNote goal={goal} />
      <div class="card">
        <GoalQuote goal={goal} />
        <dl>
          <dt>{t(locale, 'goal.status')}</dt>
          <dd data-testid="status">{t(locale, `goal.status.${goal.status}`)}</dd>
          <dt>{t(locale, 'goal.target')}</dt>
          <dd>{t(locale, 'goal.target.value', { perWeek: goal.targetPerWeek, weeks: goal.weeks })}</dd>
          {showNext && (
            <>
              <dt>{t(locale, 'goal.nextCheckin')}</dt>
              <dd data-testid="next-checkin">
                {t(locale, 'goal.nextCheckin.value', {
                  when: formatLocal(new Date(goal.nextCheckinAt as string), goal.timeZone, locale),
                  timeZone: goal.timeZone,
                })}
              </dd>
            </>
          )}
          <dt>{t(locale, 'goal.buddy')}</dt>
          <dd data-testid="buddy">{buddyState(goal)}</dd>
        </dl>
      </div>
      {goal.status !== 'pending' && (
        <div class="card">
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
          </div>
          <ProgressChart progress={progress} target={goal.targetPerWeek} locale={locale} />
          <h2>{t(locale, 'goal.history')}</h2>
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
              {progress.rows
                .filter((row) => row.state !== 'upcoming')
                .map((row) => (
                  <tr>
                    <th scope="row">{row.week}</th>
                    <td>
                      {row.count ?? <span class="muted">{t(locale, row.state === 'paused' ? 'goal.history.paused' : 'goal.history.noAnswer')}</span>}{' '}
                      {open && <a href={weekPath(row.week)}>{t(locale, 'goal.history.change')}</a>}
                    </td>
                    <td>{row.channel ? t(locale, `channel.${row.channel}`) : ''}</td>
                    <td>{row.note ?? ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      )}
      {open && <BuddyActions goal={goal} path={path} errors={errors} />}
      {open && <GoalActions goal={goal} path={path} errors={errors} />}
      <div class="card">
        <h2>{t(locale, 'goal.export.legend')}</h2>
        <form method="post" action={`${path}/export`}>
          <p class="hint">{t(locale, 'goal.export.hint')}</p>
          <button type="submit" class="secondary">{t(locale, 'goal.export.button')}</button>
        </form>
        {!open && (
          <p>
            <a href={`/?lang=${locale}`}>{t(locale, 'goal.newGoal')}</a>
          </p>
        )}
      </div>
      <form method="post" action={`${path}/sign-out`} class="card">
        <h2>{t(locale, 'signOut.legend')}</h2>
        <p class="hint">{t(locale, 'signOut.hint')}</p>
        <button type="submit" class="secondary">{t(locale, 'signOut.button')}</button>
      </form>
      <form method="post" action={`${path}/delete`} class="card">
        <h2>{t(locale, 'goal.delete.legend')}</h2>
        <p class="hint">{t(locale, 'goal.delete.hint')} {t(locale, 'goal.stepUp.hint')}</p>
        <p>
          <label>
            <input type="checkbox" name="confirm" value="yes" class="inline" aria-invalid={errors.confirm ? 'true' : undefined} />{' '}
            {t(locale, 'goal.delete.confirm')}
          </label>
        </p>
        {errors.confirm && <p class="error">{t(locale, errors.confirm)}</p>}
        <button type="submit" class="danger">{t(locale, 'goal.delete.emailButton')}</button>
      </form>
    </Layout>
  );
}

function buddyState(goal: Goal): string {
  const locale = goal.locale;
  const buddy = goal.buddy;
  if (!buddy) {
    const past = goal.pastBuddy;
    if (past) return past.name ? t(locale, `goal.buddy.${past.status}`, { buddy: past.name }) : t(locale, `goal.buddy.${past.status}.unnamed`);
    return t(locale, 'goal.buddy.none');
  }
  const who = buddy.name ? `${buddy.name} <${buddy.email}>` : buddy.email;
  if (goal.status === 'pending') return t(locale, 'goal.buddy.notInvited', { buddy: who });
  if (buddy.status === 'invited') return t(locale, 'goal.buddy.invited', { buddy: who });
  if (buddy.status === 'accepted') return t(locale, 'goal.buddy.accepted', { buddy: who });
  if (buddy.inviteAt) return t(locale, 'goal.buddy.inviting', { buddy: who });
  return t(locale, 'goal.buddy.waiting', { buddy: who });
}

type BuddyErrors = { buddyEmail?: MessageKey; buddyName?: MessageKey };

function BuddyActions({ goal, path, errors }: { goal: Goal; path: string; errors: BuddyErrors }) {
  const locale = goal.locale;
  const buddy = goal.buddy;
  const left = MAX_INVITATIONS_PER_GOAL - (goal.invitationsSent ?? 0);
  return (
    <div class="card">
      <h2>{t(locale, 'goal.buddy.legend')}</h2>
      {buddy?.status === 'invited' && left > 0 && (
        <form method="post" action={`${path}/buddy/again`}>
          <p class="hint">{t(locale, 'goal.buddy.invitesLeft', { count: left })}</p>
          <button type="submit" class="secondary">{t(locale, 'goal.buddy.inviteAgain')}</button>
        </form>
      )}
      {buddy?.status === 'accepted' && (
        <form method="post" action={`${path}/share-notes`}>
          <p>
            <label>
              <input type="checkbox" name="shareNotes" value="on" checked={goal.shareNotes === true} class="inline" />{' '}
              {t(locale, 'goal.buddy.shareNotes')}
            </label>
          </p>
          <button type="submit" class="secondary">{t(locale, 'goal.buddy.shareNotes.save')}</button>
        </form>
      )}
      {buddy?.status !== 'accepted' && left > 0 && (
        <form method="post" action={`${path}/buddy`} novalidate>
          <fieldset>
            <legend>{t(locale, 'goal.buddy.ask')}</legend>
            <div class="field">
              <label for="buddyName">{t(locale, 'form.buddyName')}</label>
              <input id="buddyName" name="buddyName" type="text" maxlength={100} aria-invalid={errors.buddyName ? 'true' : undefined} />
              {errors.buddyName && <p class="error">{t(locale, errors.buddyName)}</p>}
            </div>
            <div class="field">
              <label for="buddyEmail">{t(locale, 'form.buddyEmail')}</label>
              <input id="buddyEmail" name="buddyEmail" type="email" maxlength={254} aria-invalid={errors.buddyEmail ? 'true' : undefined}
                aria-describedby={errors.buddyEmail ? 'buddyEmail-error' : undefined} />
              {errors.buddyEmail && <p class="error" id="buddyEmail-error">{t(locale, errors.buddyEmail)}</p>}
            </div>
            <p class="hint">{t(locale, 'goal.stepUp.hint')}</p>
            <button type="submit" class="secondary">{t(locale, 'goal.buddy.askByEmail')}</button>
          </fieldset>
        </form>
      )}
    </div>
  );
}

type ScheduleErrors = { weekday?: MessageKey; hour?: MessageKey; timeZone?: MessageKey };

function GoalActions({ goal, path, errors }: { goal: Goal; path: string; errors: { resumeOn?: MessageKey } & ScheduleErrors }) {
  const locale = goal.locale;
  return (
    <div class="card">
      <h2>{t(locale, 'goal.actions')}</h2>
      {goal.status === 'paused' ? (
        <form method="post" action={`${path}/resume`}>
          <button type="submit">{t(locale, 'goal.resume.button')}</button>
        </form>
      ) : (
        <form method="post" action={`${path}/pause`} novalidate>
          <fieldset>
            <legend>{t(locale, 'goal.pause.legend')}</legend>
            <p class="hint">{t(locale, 'goal.pause.hint')}</p>
            <div class="field">
              <label for="resumeOn">{t(locale, 'goal.pause.until')}</label>
              <input id="resumeOn" name="resumeOn" type="date" aria-invalid={errors.resumeOn ? 'true' : undefined}
                aria-describedby={errors.resumeOn ? 'resumeOn-error' : undefined} />
              {errors.resumeOn && <p class="error" id="resumeOn-error">{t(locale, errors.resumeOn)}</p>}
            </div>
            <button type="submit" class="secondary">{t(locale, 'goal.pause.button')}</button>
          </fieldset>
        </form>
      )}
      <form method="post" action={`${path}/schedule`}>
        <fieldset>
          <legend>{t(locale, 'goal.schedule.legend')}</legend>
          <div class="row">
            <div class="field">
              <label for="weekday">{t(locale, 'form.weekday')}</label>
              <select id="weekday" name="weekday" aria-invalid={errors.weekday ? 'true' : undefined}
                aria-describedby={errors.weekday ? 'weekday-error' : undefined}>
                <WeekdayOptions locale={locale} selected={String(goal.checkinWeekday)} />
              </select>
              {errors.weekday && <p class="error" id="weekday-error">{t(locale, errors.weekday)}</p>}
            </div>
            <div class="field">
              <label for="hour">{t(locale, 'form.hour')}</label>
              <select id="hour" name="hour" aria-invalid={errors.hour ? 'true' : undefined} aria-describedby={errors.hour ? 'hour-error' : undefined}>
                <HourOptions selected={String(goal.checkinHour)} />
              </select>
              {errors.hour && <p class="error" id="hour-error">{t(locale, errors.hour)}</p>}
            </div>
          </div>
          <div class="field">
            <label for="timeZone">{t(locale, 'form.timeZone')}</label>
            <input id="timeZone" name="timeZone" type="text" value={goal.timeZone} maxlength={64} aria-invalid={errors.timeZone ? 'true' : undefined}
              aria-describedby={errors.timeZone ? 'timeZone-error' : undefined} />
            {errors.timeZone && <p class="error" id="timeZone-error">{t(locale, errors.timeZone)}</p>}
          </div>
          <button type="submit" class="secondary">{t(locale, 'goal.schedule.button')}</button>
        </fieldset>
      </form>
      <form method="post" action={`${path}/stop`}>
        <fieldset>
          <legend>{t(locale, 'goal.stop.legend')}</legend>
          <p class="hint">{t(locale, 'goal.stop.hint')}</p>
          <button type="submit" class="danger">{t(locale, 'goal.stop.button')}</button>
        </fieldset>
      </form>
    </div>
  );
}
