// The circle's weekly digest through the tick → queue → sender path. The circle item carries its due time in
// the same due index as goals (on shards of its own); the tick enqueues one 'circle-digest' message per due
// circle, naming the circle and its week; the sender builds every member's email from one Query of the
// circle's partition, claims each one on the member goal's sent markers (one email per member per circle
// week), then moves the circle to its next week.
import { sendOnce } from '../emails/send-once.js';
import type { Deps } from '../ports.js';
import type { Pacer } from '../emails/send-rate.js';
import { MIN_MEMBERS, nextWeekStart, type Circle } from './circle.js';
import { digestEmail } from './digest-email.js';
import { updateCircle } from './membership.js';

/** The marker of a member's digest for one circle week (a goal may later be in another circle). */
export const digestKey = (circle: Pick<Circle, 'id' | 'week'>) => ({ week: circle.week, kind: `circle-${circle.id}` as const });

export type DigestOutcome = 'sent' | 'duplicate' | 'in-flight' | 'skipped';

export async function sendCircleDigest(deps: Deps, circleId: string, week: number, pacer?: Pacer): Promise<DigestOutcome> {
  const items = await deps.store.getCircle(circleId);
  const now = deps.clock.now();
  if (!items || items.circle.status !== 'open' || items.circle.week !== week || !items.circle.dueAt || items.circle.dueAt > now.toISOString()) return 'skipped';
  let outcome: DigestOutcome = 'duplicate';
  // A circle left with one member has no one to tell: its week only moves on.
  if (items.members.length >= MIN_MEMBERS) {
    for (const member of items.members) {
      const sent = await sendOnce(deps, member.goalId, digestKey(items.circle), (at) => digestEmail(deps.config, items, member, at), pacer);
      if (sent === 'in-flight') return 'in-flight';
      if (sent === 'sent') outcome = 'sent';
    }
  } else outcome = 'skipped';
  await updateCircle(deps, circleId, ({ circle }) => (circle.week === week ? { week: week + 1, weekStart: nextWeekStart(circle.weekStart, now.toISOString()) } : undefined));
  return outcome;
}
