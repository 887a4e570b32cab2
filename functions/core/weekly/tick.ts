// The tick: find goals that are due (a Query per due-index shard, never a Scan) and enqueue one message
// each. It changes nothing itself, so a second tick, or one that overlaps the first, only enqueues
// duplicates that the sender's claims turn into no-ops; a missed tick is caught up by the next one.
import type { Goal } from '../goals/goal.js';
import { DUE_SHARDS } from '../goals/due-index.js';
import type { Queue, QueueMessage, Store } from '../ports.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const QUEUE_BATCH = 10;

export function messageFor(goal: Goal, now: Date): QueueMessage | undefined {
  const week = goal.nextWeek ?? 1;
  if (goal.status === 'paused') {
    return goal.resumeAt && goal.resumeAt <= now.toISOString()
      ? { kind: 'resume', owner: goal.owner, goalId: goal.id, week }
      : undefined;
  }
  if (goal.status !== 'active') return undefined;
  return { kind: week > goal.weeks ? 'final' : 'checkin', owner: goal.owner, goalId: goal.id, week };
}

export async function runTick(deps: { store: Store; queue: Queue }, now: Date): Promise<{ enqueued: number }> {
  const nowIso = now.toISOString();
  const counts = await Promise.all(
    Array.from({ length: DUE_SHARDS }, async (_, shard) => {
      let enqueued = 0;
      let batch: QueueMessage[] = [];
      for await (const goal of deps.store.dueGoals(shard, nowIso)) {
        const message = messageFor(goal, now);
        if (!message) continue;
        batch.push(message);
        if (batch.length === QUEUE_BATCH) {
          await deps.queue.send(batch);
          enqueued += batch.length;
          batch = [];
        }
      }
      if (batch.length) await deps.queue.send(batch);
      return enqueued + batch.length;
    }),
  );
  return { enqueued: counts.reduce((a, b) => a + b, 0) };
}
