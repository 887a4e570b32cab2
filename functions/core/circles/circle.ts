// A circle: 2–8 goals of different people, one weekly digest. Its members are goals (a person with two goals
// may put each in a different circle; a goal is in at most one), shown by the name each gave on joining,
// never by address. The rules here are plain functions over the circle and its member items.
import type { Goal } from '../goal.js';
import type { WeekAnswer } from '../answers.js';
import { summarize } from '../progress/progress.js';
import { targetFor } from '../progress/targets.js';
import { checkinAt } from '../schedule/checkins.js';
import type { Circle, CircleMember, MemberWeek } from '../circle-store.js';

export type { Circle, CircleItems, CircleMember, MemberWeek, SharedTarget } from '../circle-store.js';

export const MIN_MEMBERS = 2;
export const MAX_MEMBERS = 8;
/** The digest goes at the latest this long after the last member check-in of its week. */
export const DIGEST_AFTER_HOURS = 48;
export const MAX_CIRCLE_NAME = 60;
export const MAX_MEMBER_NAME = 40;
const HOUR_MS = 3600 * 1000;

/** The member item of a goal, as its weeks stand now. */
export function memberOf(circleId: string, goal: Goal, answers: readonly WeekAnswer[], name: string, joinedAt: string): CircleMember {
  const progress = summarize(goal, answers);
  const schedule = { weekday: goal.checkinWeekday, hour: goal.checkinHour, timeZone: goal.timeZone };
  const weeks = progress.rows
    .filter((row) => row.state !== 'upcoming' && goal.firstCheckinDate)
    .map((row) => ({
      week: row.week,
      checkinAt: checkinAt(goal.firstCheckinDate!, row.week, schedule).toISOString(),
      count: row.count,
      // Each week's own target, as the goal's progress counts it after a change of the weekly number.
      target: targetFor(goal, row.week),
      onTarget: row.onTarget,
      ...(row.state === 'joker' || row.state === 'paused' ? { excused: row.state } : {}),
    }));
  return {
    circleId,
    goalId: goal.id,
    owner: goal.owner,
    name,
    locale: goal.locale,
    goalSentence: goal.commitment ?? goal.text,
    targetPerWeek: goal.targetPerWeek,
    goalStatus: goal.status,
    schedule: { ...(goal.firstCheckinDate ? { firstCheckinDate: goal.firstCheckinDate } : {}), ...schedule, weeks: goal.weeks },
    weeks,
    streak: progress.streak,
    joinedAt,
  };
}

/** Members whose goal still runs: only they hold the digest back. */
/** Whether this address has a goal in the circle: one goal per person. */
export const hasPerson = (members: readonly CircleMember[], email: string) => members.some((m) => m.owner === email);

export const activeMembers = (members: readonly CircleMember[]) => members.filter((m) => m.goalStatus === 'active');

/**
 * The circle week: a fixed 7-day window from the circle's start, whatever weekday each member checks in on,
 * so a circle sends one digest a week with every member's check-in of that window in it (issue 20 F13).
 */
export const CIRCLE_WEEK_MS = 7 * 24 * HOUR_MS;
export const weekEnd = (weekStart: string) => new Date(Date.parse(weekStart) + CIRCLE_WEEK_MS).toISOString();

/** The start of the next circle week after the one from `weekStart`: the window `now` falls in, at least the next one. */
export function nextWeekStart(weekStart: string, now: string): string {
  const weeks = Math.max(1, Math.floor((Date.parse(now) - Date.parse(weekStart)) / CIRCLE_WEEK_MS));
  return new Date(Date.parse(weekStart) + weeks * CIRCLE_WEEK_MS).toISOString();
}

/** The member's week whose check-in went out in the circle's week (from `from`, before `to`), the latest if two. */
export function weekIn(member: CircleMember, from: string, to: string): MemberWeek | undefined {
  return member.weeks.filter((w) => w.checkinAt >= from && w.checkinAt < to).at(-1);
}

/** The member's next check-in after `after`, from the goal's schedule; none once the goal's weeks are over. */
export function nextCheckinAfter(member: CircleMember, after: string): string | undefined {
  const { firstCheckinDate, weeks, ...schedule } = member.schedule;
  if (!firstCheckinDate || member.goalStatus !== 'active') return undefined;
  for (let week = 1; week <= weeks; week++) {
    const at = checkinAt(firstCheckinDate, week, schedule).toISOString();
    if (at > after) return at;
  }
  return undefined;
}

/** The member's check-in in the circle week from `weekStart`: recorded, or else from the schedule. */
function checkinInWeek(member: CircleMember, weekStart: string): string | undefined {
  const end = weekEnd(weekStart);
  const recorded = weekIn(member, weekStart, end)?.checkinAt;
  if (recorded) return recorded;
  const scheduled = nextCheckinAfter(member, new Date(Date.parse(weekStart) - 1).toISOString());
  return scheduled && scheduled < end ? scheduled : undefined;
}

/** The member's week has its answer: a number, or a joker or a pause (a skip is an answer too). */
const answered = (week: MemberWeek | undefined) => week !== undefined && (week.count != null || week.excused !== undefined);

/** The fallback due time of the circle's week: 48 hours after the last active member's check-in in it. */
export function fallbackDueAt(members: readonly CircleMember[], weekStart: string, _now?: string): string | undefined {
  const checkins = activeMembers(members).flatMap((m) => checkinInWeek(m, weekStart) ?? []);
  const last = checkins.sort().at(-1);
  return last ? new Date(new Date(last).getTime() + DIGEST_AFTER_HOURS * HOUR_MS).toISOString() : undefined;
}

/** Every active member with a check-in in the circle's week answered it: the digest need not wait. */
export function allAnswered(members: readonly CircleMember[], weekStart: string): boolean {
  const active = activeMembers(members);
  const end = weekEnd(weekStart);
  const due = active.filter((m) => checkinInWeek(m, weekStart));
  // A member item holds only weeks whose check-in went out, so a check-in still ahead has no week and waits.
  return active.length >= MIN_MEMBERS && due.length > 0 && due.every((m) => answered(weekIn(m, weekStart, end)));
}

/** When the digest of the circle's week is due, as its members stand at `now`. */
export function digestDueAt(circle: Pick<Circle, 'status' | 'weekStart'> & Partial<Pick<Circle, 'week' | 'hold'>>, members: readonly CircleMember[], now: string): string | undefined {
  if (circle.status !== 'open') return undefined;
  if (allAnswered(members, circle.weekStart)) return now;
  const due = fallbackDueAt(members, circle.weekStart, now);
  // Check-ins that went out late get their 48 hours from when they went.
  const hold = circle.hold && circle.hold.week === circle.week ? circle.hold.until : undefined;
  return due && hold && hold > due ? hold : due;
}

/** The shared target's sum: every member's recorded numbers since they joined. */
export function sharedTotal(members: readonly CircleMember[]): number {
  return members.reduce((sum, m) => sum + m.weeks.reduce((s, w) => s + (w.checkinAt >= m.joinedAt ? (w.count ?? 0) : 0), 0), 0);
}

/** One row of the digest and the circle page. */
export interface CircleRow {
  goalId: string;
  name: string;
  goalSentence: string;
  count: number | null;
  target: number;
  onTarget: boolean | null;
  /** The week was skipped with a joker or paused by reply. */
  excused?: 'joker' | 'paused';
  streak: number;
  /** The member had no check-in in this circle week (paused, finished, or not started yet). */
  noCheckin: boolean;
}

/** The table of the circle week from `weekStart` as it stands at `until`, members in the order they joined. */
export function circleRows(members: readonly CircleMember[], weekStart: string, until: string): CircleRow[] {
  return [...members]
    .sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))
    .map((m) => {
      const week = weekIn(m, weekStart, weekEnd(weekStart));
      // Weeks are written when answered: a check-in that went out unanswered is known from the schedule.
      const checkin = checkinInWeek(m, weekStart);
      return {
        goalId: m.goalId,
        name: m.name,
        goalSentence: m.goalSentence,
        count: week?.count ?? null,
        target: week?.target ?? m.targetPerWeek,
        onTarget: week?.onTarget ?? null,
        ...(week?.excused ? { excused: week.excused } : {}),
        streak: m.streak,
        noCheckin: week === undefined && !(checkin !== undefined && checkin <= until),
      };
    });
}
