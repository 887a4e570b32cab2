// The tick: find goals that are due (a Query per due-index shard, never a Scan) and enqueue one message
// each. It changes nothing itself, so a second tick, or one that overlaps the first, only enqueues
// duplicates that the sender's claims turn into no-ops; a missed tick is caught up by the next one.
import type { Goal } from '../goal.js';
import { dueConditions } from '../due.js';
import { DUE_SHARDS } from '../goals/due-index.js';
import type { Queue, QueueKind, QueueMessage, Store } from '../ports.js';
import { dueDigests } from '../circles/due-digests.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const QUEUE_BATCH = 10;

/** Everything about this goal that is due at `now`, one message per due condition (core/due.ts). */
export function messagesFor(goal: Goal, now: Date): QueueMessage[] {
  const at = now.toISOString();
  return Object.entries(dueConditions).flatMap(([kind, condition]) => {
    const due = condition.at(goal);
    if (due === undefined || due > at || condition.waits?.(goal, at)) return [];
    return [{ kind: kind as QueueKind, owner: goal.owner, goalId: goal.id, week: condition.week(goal) }];
  });
}

export async function runTick(deps: { store: Store; queue: Queue }, now: Date): Promise<{ enqueued: number }> {
  const nowIso = now.toISOString();
  const counts = await Promise.all(
    Array.from({ length: DUE_SHARDS }, async (_, shard) => {
      let enqueued = 0;
      let batch: QueueMessage[] = [];
      for await (const goal of deps.store.dueGoals(shard, nowIso)) {
        batch.push(...messagesFor(goal, now));
        if (batch.length >= QUEUE_BATCH) {
          await deps.queue.send(batch);
          enqueued += batch.length;
          batch = [];
        }
      }
      if (batch.length) await deps.queue.send(batch);
      return enqueued + batch.length;
    }),
  );
  // Circles' digests come from the same due index, on shards of their own (circles/due-digests.ts).
  const digests = await dueDigests(deps.store, nowIso);
  for (let i = 0; i < digests.length; i += QUEUE_BATCH) await deps.queue.send(digests.slice(i, i + QUEUE_BATCH));
  return { enqueued: counts.reduce((a, b) => a + b, 0) + digests.length };
}
