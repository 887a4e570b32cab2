// One reminder, only when needed: a check-in with no answer 24 hours after it went out gets one short
// email with the same buttons. None once the week is answered (or paused, or a joker used), none while the
// goal is paused, none when the owner turned reminders off. Its own sent marker (checkin-reminder) keeps it
// to one per goal and week. The buddy's report of an unanswered week is due 48 hours after the check-in,
// so it always waits for the reminder's window.
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/checkin-reminder.js';
import type { Goal } from '../goal.js';
import { updateGoal, type GoalPatch } from '../update-goal.js';
import { t } from '../i18n/messages.js';
import type { CoreConfig, Deps, OutgoingEmail } from '../ports.js';
import { isCounted, type WeekAnswer } from '../answers.js';
import { checkinLinks } from './checkin-email.js';
import { targetFor } from '../progress/targets.js';
import { sendOnce } from '../emails/send-once.js';
import type { Pacer } from '../emails/send-rate.js';

export const REMINDER_AFTER_HOURS = 24;

/** After week `week`'s check-in went out: its reminder, unless the owner turned reminders off. */
export function reminderAfterCheckin(goal: Goal, week: number, sentAt: Date): GoalPatch {
  if (goal.remindersOff) return { reminder: undefined };
  return { reminder: { week, dueAt: new Date(sentAt.getTime() + REMINDER_AFTER_HOURS * 3600_000).toISOString() } };
}

/** After an answer (a number, a pause or a joker) for the week the reminder waits on: no reminder. */
export function reminderAfterAnswer(goal: Goal, week: number): GoalPatch | undefined {
  return goal.reminder?.week === week ? { reminder: undefined } : undefined;
}

/** The week needs no reminder: it has a number, was paused by reply, or took a joker. */
export const weekSettled = (answer: WeekAnswer | undefined): boolean => isCounted(answer) || answer?.paused === true || answer?.joker === true;

export function checkinReminderEmail(config: CoreConfig, goal: Goal, week: number, sentAt: Date): OutgoingEmail {
  const links = checkinLinks(config, goal, week, sentAt);
  const locale = goal.locale;
  // The week's own target, as its check-in had it: a change made since applies from a later week.
  const target = targetFor(goal, week);
  const buttons = links.buttons.map(({ value, url }) => ({
    label: value === target + 1 ? t(locale, 'email.checkin.orMore', { count: value }) : String(value),
    url,
  }));
  const rendered = renderEmail(
    'checkin-reminder',
    locale,
    { week, weeks: goal.weeks, goalText: goal.text, weekUrl: links.weekUrl, unsubscribeUrl: links.unsubscribeUrl, neverUrl: links.neverUrl },
    { html: { buttons: buttonsHtml(buttons) }, text: { buttons: buttonsText(buttons) } },
  );
  return { to: goal.owner, ...rendered, replyTo: links.replyTo, headers: links.headers };
}

export async function sendCheckinReminder(deps: Deps, goal: Goal, week: number, pacer?: Pacer): Promise<'sent' | 'duplicate' | 'in-flight' | 'skipped'> {
  const now = deps.clock.now();
  if (goal.status !== 'active' || goal.reminder?.week !== week || goal.reminder.dueAt > now.toISOString()) return 'skipped';
  const answer = (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === week);
  // Only the week whose check-in went out last, and only before the next check-in is due; an answer settles it.
  const overtaken = goal.nextWeek !== week + 1 || (goal.nextCheckinAt !== undefined && goal.nextCheckinAt <= now.toISOString());
  const wanted = !overtaken && !goal.remindersOff && !weekSettled(answer);
  const outcome = wanted ? await sendOnce(deps, goal.id, { week, kind: 'checkin-reminder' }, (at) => checkinReminderEmail(deps.config, goal, week, at), pacer) : 'skipped';
  if (outcome === 'in-flight') return outcome;
  await updateGoal(deps.store, goal.owner, goal.id, (current) => reminderAfterAnswer(current, week));
  return outcome;
}
