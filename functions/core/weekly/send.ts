// The sender: one queue message at a time, at most one email per goal, week and kind. A message is
// claimed with a conditional put before sending; a failed send releases the claim and is reported as
// a batch item failure so the queue retries it; a duplicate or redelivered message finds the claim
// "sent" and only makes sure the goal has moved on.
import * as z from 'zod/mini';
import type { Goal } from '../goal.js';
import { updateGoal } from '../update-goal.js';
import { queueKinds, type Deps, type QueueKind, type QueueMessage } from '../ports.js';
import { redactAddresses } from '../emails/message-key.js';
import { sendOnce } from '../emails/send-once.js';
import { sendInvitation, sendReminders } from '../buddy/invitations.js';
import { buddyReportPending, reportAfterCheckin, sendBuddyFinal, sendBuddyReport } from '../buddy/reports.js';
import { checkinEmail } from './checkin-email.js';
import { reminderAfterCheckin, sendCheckinReminder } from './checkin-reminder.js';
import { sendPlanEmail } from './plan.js';
import { midReportAfterCheckin, sendMidReport } from './mid-report.js';
import { finalReportEmail } from './final-report.js';
import { advanceAfterCheckin, resumePatch } from '../goals/schedule-changes.js';
import { withMovedEnd } from '../goals/change-goal.js';
import type { Pacer } from '../emails/send-rate.js';
import { sendCircleDigest } from '../circles/digest.js';
import { finalCircleLine } from '../circles/final-line.js';

export const queueMessageSchema = z.object({
  kind: z.enum(queueKinds),
  owner: z.string().check(z.minLength(3), z.maxLength(320)),
  goalId: z.string().check(z.regex(/^[0-9A-Z]{26}$/)),
  week: z.int().check(z.minimum(1), z.maximum(1000)),
});

export interface QueueRecord {
  messageId: string;
  body: string;
}

export interface BatchResult {
  /** The ids of the records to deliver again (the queue's adapter says so in its own terms). */
  failed: string[];
  /** One per record that did not fail, for logs and the local runner's summary. */
  outcomes: SendOutcome[];
}

/** sent · duplicate: already sent · in-flight: another worker is sending it · resumed · skipped · invalid ·
 *  deferred: an hourly ceiling was reached, the goal waits for the next hour */
export type SendOutcome = 'sent' | 'duplicate' | 'in-flight' | 'resumed' | 'skipped' | 'invalid' | 'deferred';


export interface SendDeps extends Deps {
  pacer: Pacer;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * A batch from the queue: every record is handled; the ids of those to retry come back as `failed`. The records
 * of a batch run side by side — the pacer keeps the send rate, and claims and versioned saves keep two
 * messages about one goal from stepping on each other.
 */
export async function handleSendBatch(deps: SendDeps, records: QueueRecord[]): Promise<BatchResult> {
  const failed: string[] = [];
  const outcomes: SendOutcome[] = [];
  await Promise.all(
    records.map(async (record) => {
      try {
        outcomes.push(await handleMessage(deps, record.body));
      } catch (error) {
        deps.log?.({ level: 'warn', msg: 'send failed, will retry', messageId: record.messageId, error: redactAddresses(String(error)) });
        failed.push(record.messageId);
      }
    }),
  );
  return { failed, outcomes };
}

export async function handleMessage(deps: SendDeps, body: string): Promise<SendOutcome> {
  let parsed: QueueMessage;
  try {
    parsed = queueMessageSchema.parse(JSON.parse(body));
  } catch {
    // A message we cannot read will not get better by retrying.
    deps.log?.({ level: 'error', msg: 'unreadable queue message dropped', body: redactAddresses(body) });
    return 'invalid';
  }
  // A circle's digest names the circle, not a goal.
  if (parsed.kind === 'circle-digest') return sendCircleDigest(deps, parsed.goalId, parsed.week, deps.pacer);
  const goal = await deps.store.getGoal(parsed.owner, parsed.goalId);
  if (!goal) return 'skipped';
  return senders[parsed.kind](deps, goal, parsed.week);
}

/** What the sender does with each kind of queue message: one entry per kind (ports.ts's queueKinds). */
const senders: Record<QueueKind, (deps: SendDeps, goal: Goal, week: number) => Promise<SendOutcome>> = {
  checkin: (deps, goal, week) => sendCheckin(deps, goal, week),
  'checkin-reminder': (deps, goal, week) => sendCheckinReminder(deps, goal, week, deps.pacer),
  plan: (deps, goal, week) => sendPlanEmail(deps, goal, week, deps.pacer),
  'mid-report': (deps, goal, week) => sendMidReport(deps, goal, week, deps.pacer),
  final: (deps, goal) => sendFinalReport(deps, goal),
  resume: (deps, goal) => resume(deps, goal),
  'buddy-invite': (deps, goal) => sendInvitation(deps, goal.owner, goal.id, deps.pacer),
  'buddy-reminder': (deps, goal) => sendReminders(deps, goal),
  'buddy-report': (deps, goal, week) => sendBuddyReport(deps, goal, week, deps.pacer),
  // Handled before any goal is read (handleMessage): the message names a circle.
  'circle-digest': async () => 'skipped',
};

async function sendCheckin(deps: SendDeps, goal: Goal, week: number): Promise<SendOutcome> {
  if (goal.status !== 'active' || goal.nextWeek !== week || week > goal.weeks) return 'skipped';
  const outcome = await sendOnce(
    deps,
    goal.id,
    { week, kind: 'checkin' },
    async (now) => checkinEmail(deps.config, goal, week, await deps.store.getWeekAnswers(goal.id), now),
    deps.pacer,
  );
  if (outcome === 'in-flight') return outcome;
  // Also after a duplicate: the first worker may have sent and died before moving the goal on.
  const sentAt = deps.clock.now();
  await updateGoal(deps.store, goal.owner, goal.id, (current) => {
    const advance = advanceAfterCheckin(current, week);
    return advance ? { ...advance, ...reportAfterCheckin(current, week, sentAt), ...reminderAfterCheckin(current, week, sentAt), ...midReportAfterCheckin(current, week, sentAt) } : undefined;
  });
  return outcome;
}

async function sendFinalReport(deps: SendDeps, goal: Goal): Promise<SendOutcome> {
  if (goal.status !== 'active' || (goal.nextWeek ?? 1) <= goal.weeks || buddyReportPending(goal)) return 'skipped';
  const outcome = await sendOnce(
    deps,
    goal.id,
    { week: goal.weeks, kind: 'final' },
    async (now) => finalReportEmail(deps.config, goal, await deps.store.getWeekAnswers(goal.id), now, await finalCircleLine(deps, goal)),
    deps.pacer,
  );
  if (outcome === 'in-flight') return outcome;
  // The buddy's copy is claimed on its own: a retry after a failure here sends only what is missing.
  if ((await sendBuddyFinal(deps, goal, deps.pacer)) === 'in-flight') return 'in-flight';
  const now = deps.clock.now().toISOString();
  await updateGoal(deps.store, goal.owner, goal.id, (current) =>
    current.status === 'active' ? { status: 'completed', completedAt: now, nextCheckinAt: undefined, buddyReport: undefined } : undefined,
  );
  return outcome;
}

async function resume(deps: SendDeps, goal: Goal): Promise<SendOutcome> {
  const now = deps.clock.now();
  const updated = await updateGoal(deps.store, goal.owner, goal.id, (current) =>
    current.status === 'paused' && current.resumeAt && current.resumeAt <= now.toISOString() ? withMovedEnd(current, resumePatch(current, now, 0), now) : undefined,
  );
  return updated?.status === 'active' ? 'resumed' : 'skipped';
}
