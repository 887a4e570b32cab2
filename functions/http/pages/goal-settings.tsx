// The goal page's changes, each in a panel of its own: pause, the check-in time, the buddy, the data.
// A panel that comes back with an error opens by itself, and its first invalid field is focused.
import type { Buddy, Goal } from '../../core/goal.js';
import { scheduleText } from '../../core/goals/sign-up.js';
import { firstInvitationsLeft } from '../../core/buddy/supporters.js';
import { SupportersPanel } from './supporters-panel.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { Field, invalidFields, Panel } from './form-parts.js';
import { HourOptions, WeekdayOptions } from './schedule-options.js';
import { LoopPanel } from './loop-panel.js';
import { ChangePanel } from './goal-change.js';
import { TimeZoneSelect } from './time-zone-field.js';
import { TypoFixButton, TypoHint, TypoSeen } from './address-typo.js';

/** Every field on the goal page, in the order the page shows them. */
export const GOAL_FIELDS = ['goal', 'perWeek', 'weeks', 'resumeOn', 'weekday', 'hour', 'timeZone', 'buddyName', 'buddyEmail', 'supporterName', 'supporterEmail', 'confirm'] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];
export type GoalErrors = Partial<Record<GoalField, MessageKey>>;

export interface SectionProps {
  goal: Goal;
  path: string;
  errors: GoalErrors;
  /** What was typed, when the page comes back with an error. */
  values: Record<string, string>;
}

/** The props of one field: its label, its error, and focus when it is the page's first to fix. */
export function fieldOf(locale: Locale, errors: GoalErrors) {
  const first = invalidFields(GOAL_FIELDS, errors)[0];
  return (name: GoalField, label: MessageKey) => ({ name, label: t(locale, label), locale, error: errors[name], focus: name === first });
}

export function buddyState(goal: Goal): string {
  const locale = goal.locale;
  const buddy = goal.buddy;
  if (!buddy) {
    const past = goal.pastBuddy;
    if (past) return past.name ? t(locale, `goal.buddy.${past.status}`, { buddy: past.name }) : t(locale, `goal.buddy.${past.status}.unnamed`);
    return t(locale, 'goal.buddy.none');
  }
  return supporterState(goal, buddy, 'goal.buddy.accepted');
}

/** Where one supporter stands, named as the owner typed them; `accepted` says it for the first or an added one. */
export function supporterState(goal: Goal, buddy: Buddy, accepted: MessageKey): string {
  const locale = goal.locale;
  const who = buddy.name ? `${buddy.name} <${buddy.email}>` : buddy.email;
  if (goal.status === 'pending') return t(locale, 'goal.buddy.notInvited', { buddy: who });
  if (buddy.status === 'invited') return t(locale, 'goal.buddy.invited', { buddy: who });
  if (buddy.status === 'accepted') return t(locale, accepted, { buddy: who });
  if (buddy.inviteAt) return t(locale, 'goal.buddy.inviting', { buddy: who });
  return t(locale, 'goal.buddy.waiting', { buddy: who });
}

function PausePanel({ goal, path, errors, values }: SectionProps) {
  const locale = goal.locale;
  const field = fieldOf(locale, errors);
  return (
    <Panel id="pause" title={t(locale, 'goal.panel.pause')} value={t(locale, 'goal.pause.hint')} open={Boolean(errors.resumeOn)}>
      <form method="post" action={`${path}/pause`} novalidate>
        <Field {...field('resumeOn', 'goal.pause.until')}>{(c) => <input {...c} type="date" value={values.resumeOn} />}</Field>
        <button type="submit" class="secondary">
          {t(locale, 'goal.pause.button')}
        </button>
      </form>
    </Panel>
  );
}

function SchedulePanel({ goal, path, errors, values }: SectionProps) {
  const locale = goal.locale;
  const field = fieldOf(locale, errors);
  return (
    <Panel id="schedule" title={t(locale, 'goal.schedule.legend')} value={scheduleText(goal)} open={Boolean(errors.weekday || errors.hour || errors.timeZone)}>
      <form method="post" action={`${path}/schedule`} novalidate>
        <div class="row">
          <Field {...field('weekday', 'form.weekday')}>
            {(c) => (
              <select {...c}>
                <WeekdayOptions locale={locale} selected={values.weekday ?? String(goal.checkinWeekday)} />
              </select>
            )}
          </Field>
          <Field {...field('hour', 'form.hour')}>
            {(c) => (
              <select {...c}>
                <HourOptions selected={values.hour ?? String(goal.checkinHour)} />
              </select>
            )}
          </Field>
        </div>
        <Field {...field('timeZone', 'form.timeZone')}>
          {(c) => <TimeZoneSelect control={c} locale={locale} selected={values.timeZone ?? goal.timeZone} auto={false} />}
        </Field>
        <button type="submit" class="secondary">
          {t(locale, 'goal.schedule.button')}
        </button>
      </form>
    </Panel>
  );
}

function BuddyPanel({ goal, path, errors, values }: SectionProps) {
  const locale = goal.locale;
  const buddy = goal.buddy;
  const left = firstInvitationsLeft(goal);
  const field = fieldOf(locale, errors);
  return (
    <Panel id="buddy" title={t(locale, 'goal.buddy.legend')} value={buddyState(goal)} open={Boolean(errors.buddyEmail || errors.buddyName || values['typo-buddyEmail'])}>
      {buddy?.status === 'invited' && left > 0 && (
        <form method="post" action={`${path}/buddy/again`}>
          <p class="hint">{t(locale, 'goal.buddy.invitesLeft', { count: left })}</p>
          <button type="submit" class="secondary">
            {t(locale, 'goal.buddy.inviteAgain')}
          </button>
        </form>
      )}
      {buddy?.status === 'accepted' && (
        <form method="post" action={`${path}/share-notes`}>
          <label class="check">
            <input type="checkbox" name="shareNotes" value="on" checked={goal.shareNotes === true} /> {t(locale, 'goal.buddy.shareNotes')}
          </label>
          <button type="submit" class="secondary">
            {t(locale, 'goal.buddy.shareNotes.save')}
          </button>
        </form>
      )}
      {buddy?.status !== 'accepted' && left > 0 && (
        <form method="post" action={`${path}/buddy`} novalidate>
          <h3>{t(locale, 'goal.buddy.ask')}</h3>
          <Field {...field('buddyName', 'form.buddyName')}>{(c) => <input {...c} type="text" maxlength={100} value={values.buddyName} />}</Field>
          <Field {...field('buddyEmail', 'form.buddyEmail')} describedBy="buddyEmail-typo">
            {(c) => <input {...c} type="email" maxlength={254} value={values.buddyEmail} data-typo="1" />}
          </Field>
          <TypoHint locale={locale} field="buddyEmail" suggestion={values['typo-buddyEmail']} />
          <TypoSeen value={values.typoSeen} />
          <p class="hint">{t(locale, 'goal.stepUp.hint')}</p>
          <div class="buttons">
            <button type="submit" class="secondary">
              {t(locale, 'goal.buddy.askByEmail')}
            </button>
            <TypoFixButton locale={locale} field="buddyEmail" suggestion={values['typo-buddyEmail']} />
          </div>
        </form>
      )}
    </Panel>
  );
}

function DataPanel({ goal, path }: Pick<SectionProps, 'goal' | 'path'>) {
  const locale = goal.locale;
  return (
    <Panel id="data" title={t(locale, 'stepUp.export.title')} value={t(locale, 'goal.export.hint')}>
      <form method="post" action={`${path}/export`}>
        <p>{t(locale, 'stepUp.export.lead')}</p>
        <button type="submit" class="secondary">
          {t(locale, 'goal.export.button')}
        </button>
      </form>
    </Panel>
  );
}

/** Pause, check-in time and buddy while the goal runs; the data always. */
export function GoalSettings({ goal, path, errors, values }: SectionProps) {
  const locale = goal.locale;
  const running = goal.status === 'active' || goal.status === 'paused';
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t(locale, running ? 'goal.actions' : 'goal.export.legend')}</h2>
      <div class="panels">
        {running && <ChangePanel goal={goal} path={path} errors={errors} values={values} />}
        {goal.status === 'active' && <PausePanel goal={goal} path={path} errors={errors} values={values} />}
        {running && <SchedulePanel goal={goal} path={path} errors={errors} values={values} />}
        {running && <BuddyPanel goal={goal} path={path} errors={errors} values={values} />}
        {running && goal.buddy && <SupportersPanel goal={goal} path={path} errors={errors} values={values} />}
        {running && <LoopPanel goal={goal} path={path} />}
        <DataPanel goal={goal} path={path} />
      </div>
    </section>
  );
}
