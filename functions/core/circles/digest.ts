// The circle's weekly digest through the tick → queue → sender path. The circle item carries its due time in
// the same due index as goals (on shards of its own); the tick enqueues one 'circle-digest' message per due
// circle, naming the circle and its week; the sender builds every member's email from one Query of the
// circle's partition, claims each one on the member goal's sent markers (one email per member per circle
// week), then moves the circle to its next week.
import { sendOnce } from '../emails/send-once.js';
import type { Deps } from '../ports.js';
import type { Pacer } from '../emails/send-rate.js';
import { activeMembers, allAnswered, DIGEST_AFTER_HOURS, MIN_MEMBERS, nextCheckinAfter, nextWeekStart, type Circle, type CircleItems } from './circle.js';
import { digestEmail } from './digest-email.js';
import { updateCircle } from './membership.js';

/** The marker of a member's digest for one circle week (a goal may later be in another circle). */
export const digestKey = (circle: Pick<Circle, 'id' | 'week'>) => ({ week: circle.week, kind: `circle-${circle.id}` as const });

export type DigestOutcome = 'sent' | 'duplicate' | 'in-flight' | 'skipped';

/** A digest this much past its due time was held up with the check-ins it reports (a tick outage, say). */
export const LATE_DIGEST_HOURS = 6;
const HOUR_MS = 3600_000;

/**
 * Whether the week's check-ins went out late, so the digest would report them before anyone could answer:
 * a member's check-in of this week is due but not sent yet, or the digest itself runs long past its due
 * time (then the check-ins were held up by the same outage, and likely sent in this very tick).
 */
async function checkinsLate(deps: Deps, items: CircleItems, now: string): Promise<boolean> {
  const { circle, members } = items;
  if (allAnswered(members, circle.weekStart) || circle.hold?.week === circle.week) return false;
  if (circle.dueAt && Date.parse(now) - Date.parse(circle.dueAt) > LATE_DIGEST_HOURS * HOUR_MS) return true;
  for (const member of activeMembers(members)) {
    const scheduled = nextCheckinAfter(member, circle.weekStart);
    if (!scheduled || scheduled > now) continue;
    const goal = await deps.store.getGoal(member.owner, member.goalId);
    if (goal?.status === 'active' && goal.nextCheckinAt && goal.nextCheckinAt <= scheduled) return true;
  }
  return false;
}

export async function sendCircleDigest(deps: Deps, circleId: string, week: number, pacer?: Pacer): Promise<DigestOutcome> {
  const items = await deps.store.getCircle(circleId);
  const now = deps.clock.now();
  if (!items || items.circle.status !== 'open' || items.circle.week !== week || !items.circle.dueAt || items.circle.dueAt > now.toISOString()) return 'skipped';
  // Late check-ins get their 48 hours from now: the digest waits, once a circle week.
  if (await checkinsLate(deps, items, now.toISOString())) {
    const until = new Date(now.getTime() + DIGEST_AFTER_HOURS * HOUR_MS).toISOString();
    await updateCircle(deps, circleId, ({ circle }) => (circle.week === week ? { hold: { week, until } } : undefined));
    return 'skipped';
  }
  let outcome: DigestOutcome = 'duplicate';
  // A circle left with one member has no one to tell: its week only moves on.
  if (items.members.length >= MIN_MEMBERS) {
    const quiet = new Set(items.circle.quiet ?? []);
    for (const member of items.members.filter((m) => !quiet.has(m.goalId))) {
      const sent = await sendOnce(deps, member.goalId, digestKey(items.circle), (at) => digestEmail(deps.config, items, member, at), pacer);
      if (sent === 'in-flight') return 'in-flight';
      if (sent === 'sent') outcome = 'sent';
    }
  } else outcome = 'skipped';
  await updateCircle(deps, circleId, ({ circle }) => (circle.week === week ? { week: week + 1, weekStart: nextWeekStart(circle.weekStart, now.toISOString()) } : undefined));
  return outcome;
}
