// The tick: find goals that are due (a Query per due-index shard, never a Scan) and enqueue one message
// each. It changes nothing itself, so a second tick, or one that overlaps the first, only enqueues
// duplicates that the sender's claims turn into no-ops; a missed tick is caught up by the next one.
import type { Goal } from '../goal.js';
import { buddyReportPending } from '../buddy/reports.js';
import { DUE_SHARDS } from '../goals/due-index.js';
import type { Queue, QueueMessage, Store } from '../ports.js';

/** SQS takes at most 10 messages per SendMessageBatch. */
const QUEUE_BATCH = 10;

/** Everything about this goal that is due at `now`: a check-in or the final report, a resume, a buddy's invitation, reminder or report. */
export function messagesFor(goal: Goal, now: Date): QueueMessage[] {
  const at = now.toISOString();
  const week = goal.nextWeek ?? 1;
  const ids = { owner: goal.owner, goalId: goal.id };
  const messages: QueueMessage[] = [];
  if (goal.status === 'paused' && goal.resumeAt && goal.resumeAt <= at) messages.push({ kind: 'resume', ...ids, week });
  if (goal.status === 'active' && goal.nextCheckinAt && goal.nextCheckinAt <= at) {
    // The last week's buddy report falls due with the final report: it goes first, the final next tick.
    if (week <= goal.weeks) messages.push({ kind: 'checkin', ...ids, week });
    else if (!buddyReportPending(goal)) messages.push({ kind: 'final', ...ids, week });
  }
  if (goal.status === 'active' || goal.status === 'paused') {
    const buddy = goal.buddy;
    if (buddy?.status === 'not-invited' && buddy.inviteAt && buddy.inviteAt <= at) {
      messages.push({ kind: 'buddy-invite', ...ids, week: buddy.invitation });
    }
    if (buddy?.status === 'invited' && buddy.remindAt && buddy.remindAt <= at) {
      messages.push({ kind: 'buddy-reminder', ...ids, week: buddy.invitation });
    }
    if (buddy?.status === 'accepted' && goal.buddyReport && goal.buddyReport.dueAt <= at) {
      messages.push({ kind: 'buddy-report', ...ids, week: goal.buddyReport.week });
    }
  }
  return messages;
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
  return { enqueued: counts.reduce((a, b) => a + b, 0) };
}
