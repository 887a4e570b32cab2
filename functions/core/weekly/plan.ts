// A plan for next week, with a day and a time: made after recording a week (on the week page, or by reply
// "plan: tor 08 kaffe med 2 CFO-er"), shown in the next check-in and the buddy's email, and — when the owner
// ticks it — one short email at that hour on that day in the owner's zone ("Today 08:00: coffee with 2
// CFOs"), through tick → queue → send with its own marker (plan). A plan whose time passed more than
// PLAN_EMAIL_LATE_HOURS before the tick got to it (a long outage) sends nothing: it would only be noise.
import { DateTime } from 'luxon';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/plan.js';
import { DomainError, GoalClosed, WeekNotOpen } from '../errors.js';
import type { Goal, Plan } from '../goal.js';
import { goalPageUrl, neverEmailUrl, replyAddress, unsubscribeUrl } from '../links/links.js';
import { updateGoal } from '../update-goal.js';
import { t } from '../i18n/messages.js';
import { clockTime, planFor } from '../plan-label.js';
import type { CoreConfig, Deps, OutgoingEmail } from '../ports.js';
import type { PlanReading } from '../replies/plan-line.js';
import { closedWeeks } from '../progress/progress.js';
import { listHeaders } from '../emails/list-headers.js';
import { sendOnce } from '../emails/send-once.js';
import { checkinAt } from '../schedule/checkins.js';
import { scheduleOf } from '../goals/schedule-changes.js';
import type { Pacer } from '../emails/send-rate.js';

export const PLAN_EMAIL_LATE_HOURS = 2;

/** The first time on `weekday` at `hour:minute` in the goal's zone after `now`. */
export function nextPlanTime(goal: Pick<Goal, 'timeZone'>, weekday: number, hour: number, minute: number, now: Date): Date {
  let day = DateTime.fromJSDate(now, { zone: goal.timeZone }).startOf('day');
  for (let i = 0; i < 8; i++, day = day.plus({ days: 1 })) {
    const at = day.set({ hour, minute });
    if (at.weekday === weekday && at.toMillis() > now.getTime()) return at.toJSDate();
  }
  throw new Error('no plan time within eight days');
}

/**
 * Next week starts at week `week`'s check-in: a plan is for the first such day and time after it (and after
 * now). The same thing in real life, where the week page is opened after the check-in; with `kompis tick
 * --at`, whose clock runs ahead of the page's, it keeps the plan in the week it is meant for.
 */
function planFrom(goal: Goal, week: number, now: Date): Date {
  if (!goal.firstCheckinDate) return now;
  const checkin = checkinAt(goal.firstCheckinDate, week, scheduleOf(goal));
  return checkin > now ? checkin : now;
}

/** A plan whose day and time fall after the week it is for has ended (answered late, "tue 08" on a Thursday). */
export class PlanDayPassed extends DomainError {
  readonly status = 400;
  readonly messageKey = 'error.plan.dayPassed' as const;
}

/**
 * Sets the plan for the week after `week` (the week just recorded, which must be the latest one asked about).
 * A day and hour give the plan its time; without them it is words only, and sends no email.
 */
export async function setPlan(deps: Deps, goal: Goal, week: number, reading: PlanReading, email: boolean): Promise<Plan> {
  if (goal.status !== 'active' && goal.status !== 'paused') throw new GoalClosed();
  if (week < 1 || week !== closedWeeks(goal) || week >= goal.weeks) throw new WeekNotOpen();
  const timed = reading.weekday !== undefined && reading.hour !== undefined;
  const at = timed ? nextPlanTime(goal, reading.weekday!, reading.hour!, reading.minute ?? 0, planFrom(goal, week, deps.clock.now())) : undefined;
  // The plan's week ends at the next check-in: a day after it is in the week after, where it would be emailed
  // and shown as the plan of a week it was not made for.
  if (at && goal.firstCheckinDate && at > checkinAt(goal.firstCheckinDate, week + 1, scheduleOf(goal))) throw new PlanDayPassed();
  const plan: Plan = {
    week: week + 1,
    text: reading.text,
    ...(timed ? { weekday: reading.weekday, hour: reading.hour, minute: reading.minute ?? 0 } : {}),
    ...(at ? { at: at.toISOString() } : {}),
    email: timed && email,
  };
  await updateGoal(deps.store, goal.owner, goal.id, () => ({ plan }));
  return plan;
}

export function planEmail(config: CoreConfig, goal: Goal, plan: Plan, now: Date): OutgoingEmail {
  const rendered = renderEmail('plan', goal.locale, {
    subject: t(goal.locale, 'email.plan.subject.today', { time: clockTime(plan.hour ?? 0, plan.minute ?? 0), text: plan.text }),
    week: plan.week,
    weeks: goal.weeks,
    goalText: goal.text,
    goalUrl: goalPageUrl(config, goal, now),
    unsubscribeUrl: unsubscribeUrl(config, goal, now),
    neverUrl: neverEmailUrl(config, goal.owner, goal.locale, now),
  });
  return { to: goal.owner, ...rendered, replyTo: replyAddress(config, goal), headers: listHeaders(config, goal, now) };
}

export async function sendPlanEmail(deps: Deps, goal: Goal, week: number, pacer?: Pacer): Promise<'sent' | 'duplicate' | 'in-flight' | 'skipped'> {
  const plan = planFor(goal, week);
  const now = deps.clock.now();
  if (goal.status !== 'active' || !plan?.email || plan.done || !plan.at || plan.at > now.toISOString()) return 'skipped';
  const late = now.getTime() - Date.parse(plan.at) > PLAN_EMAIL_LATE_HOURS * 3600_000;
  const outcome = late ? 'skipped' : await sendOnce(deps, goal.id, { week, kind: 'plan' }, (at) => planEmail(deps.config, goal, plan, at), pacer);
  if (outcome === 'in-flight') return outcome;
  await updateGoal(deps.store, goal.owner, goal.id, (current) => (current.plan?.week === week && current.plan.at === plan.at ? { plan: { ...current.plan, done: true } } : undefined));
  return outcome;
}
