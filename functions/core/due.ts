// What can fall due on a goal, one entry per queue message kind: when it falls due, and the week its message
// names. The due index (goals/due-index.ts: the earliest of these) and the tick (weekly/tick.ts: the ones due
// now) both derive from this table, so a new due condition is one entry here and one sender in weekly/send.ts.
import type { Buddy, BuddyStatus, Goal } from './goal.js';
import type { QueueKind } from './ports.js';
import { supportersOf } from './supporter-list.js';

export type DueGoal = Pick<Goal, 'status' | 'nextWeek' | 'weeks' | 'nextCheckinAt' | 'resumeAt' | 'buddy' | 'supporters' | 'buddyReport' | 'reminder' | 'plan' | 'midReport'>;

export interface DueCondition {
  /** When it falls due (ISO time), or undefined when it does not apply to the goal as it stands. */
  at(goal: DueGoal): string | undefined;
  /** The week (or the invitation's number) its queue message names. */
  week(goal: DueGoal): number;
  /** Due, but held back (or overtaken) at `at`, the tick's time: the tick looks again on its next run. */
  waits?(goal: DueGoal, at: string): boolean;
}

const week = (goal: DueGoal) => goal.nextWeek ?? 1;
const running = (goal: DueGoal) => goal.status === 'active' || goal.status === 'paused';
/** The supporter in `status` who falls due first (issue 20: up to three, each with their own invitation). */
const buddyIs = (goal: DueGoal, status: BuddyStatus, when: (b: Buddy) => string | undefined = () => '') => {
  if (!running(goal)) return undefined;
  const waiting = supportersOf(goal).filter((b) => b.status === status && when(b) !== undefined);
  return waiting.sort((a, b) => (when(a)! < when(b)! ? -1 : 1))[0];
};

/** The buddy is still to hear about a week. The final report waits for it, so it never overtakes it. */
export const buddyReportPending = (goal: Pick<Goal, 'buddy' | 'supporters' | 'buddyReport'>): boolean =>
  supportersOf(goal).some((b) => b.status === 'accepted') && goal.buddyReport !== undefined;

/** A plan's email is due at the plan's time while it is asked for and not yet sent. */
export const planDueAt = (goal: Pick<Goal, 'plan'>): string | undefined => (goal.plan?.email && !goal.plan.done ? goal.plan.at : undefined);

/** A next check-in that is due too overtakes a check-in's reminder (a tick that caught up after a gap). */
const checkinDueBy = (goal: DueGoal, at: string) => goal.nextCheckinAt !== undefined && goal.nextCheckinAt <= at;

const inviteAt = (b: Buddy) => b.inviteAt;
const remindAt = (b: Buddy) => b.remindAt;

/** In the order the tick enqueues them. */
export const dueConditions: Record<QueueKind, DueCondition> = {
  resume: { at: (g) => (g.status === 'paused' ? g.resumeAt : undefined), week },
  checkin: { at: (g) => (g.status === 'active' && week(g) <= g.weeks ? g.nextCheckinAt : undefined), week },
  // The last week's buddy report falls due with the final report: it goes first, the final next tick.
  final: { at: (g) => (g.status === 'active' && week(g) > g.weeks ? g.nextCheckinAt : undefined), week, waits: buddyReportPending },
  'mid-report': { at: (g) => (g.status === 'active' ? g.midReport?.dueAt : undefined), week: (g) => g.midReport?.week ?? 1 },
  plan: { at: (g) => (g.status === 'active' ? planDueAt(g) : undefined), week: (g) => g.plan?.week ?? 1 },
  'checkin-reminder': { at: (g) => (g.status === 'active' ? g.reminder?.dueAt : undefined), week: (g) => g.reminder?.week ?? 1, waits: checkinDueBy },
  'buddy-invite': { at: (g) => buddyIs(g, 'not-invited', inviteAt)?.inviteAt, week: (g) => buddyIs(g, 'not-invited', inviteAt)?.invitation ?? 1 },
  'buddy-reminder': { at: (g) => buddyIs(g, 'invited', remindAt)?.remindAt, week: (g) => buddyIs(g, 'invited', remindAt)?.invitation ?? 1 },
  'buddy-report': { at: (g) => (buddyIs(g, 'accepted') ? g.buddyReport?.dueAt : undefined), week: (g) => g.buddyReport?.week ?? 1 },
  // Never due on a goal: the circle item carries its own due time (circles/circle.ts digestDueAt).
  'circle-digest': { at: () => undefined, week: () => 1 },
};
