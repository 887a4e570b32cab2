// The rule for a send whose outcome is unknown (SES timed out, maybe after taking the email): at most
// once, reconciled by SES's own Send event. The claim is kept, not released; the Send event marks it
// sent; a claim with no Send event for 10 minutes was never accepted and the next tick sends it.
import { describe, expect, it } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import type { Deps } from '../../functions/core/ports.js';
import { handleSendBatch } from '../../functions/core/weekly/send.js';
import { createPacer } from '../../functions/core/emails/send-rate.js';
import { runTick } from '../../functions/core/weekly/tick.js';
import { MemoryQueue } from '../../functions/local/memory-queue.js';
import { FixedClock, freshTable, testConfig, testDeps } from '../helpers/deps.js';
import { depsWithFaults } from '../helpers/fault-run.js';
import type { Fault, FaultPlan } from '../helpers/faults.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';

const CHECKIN = '2026-03-06T14:00:00Z';

async function setup(fault: Fault, budget = 1) {
  const table = await freshTable();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const clean = testDeps(clock, table) as Deps & { clock: FixedClock };
  const goal = await anActiveGoal(clean, { locale: 'en', weeks: '2' });
  const config = testConfig(table);
  // The first `budget` SendRawEmail calls fail as told; every later one goes through.
  const plan: FaultPlan = { rate: 1, random: () => 0, commands: /SendRawEmail/, kinds: [fault], budget, injected: {} };
  const { deps, sendEvents } = depsWithFaults(config, clock, plan, new DynamoStore(createDynamoClient(config), config.tableName));
  const tick = async (iso: string) => {
    clock.set(iso);
    const queue = new MemoryQueue();
    await runTick({ store: deps.store, queue }, clock.now());
    const summary = await queue.drain((records) => handleSendBatch({ ...deps, pacer: createPacer(1000) }, records));
    await sendEvents.settled();
    return summary;
  };
  const checkins = async () => (await outboxFor(goal.owner)).filter((email) => email.subject.startsWith('Week 1 of 2'));
  return { goal, clean, tick, checkins };
}

describe('a send whose outcome is unknown', () => {
  it('is not sent again when SES took it: its Send event marks the claim sent, the next tick only moves the goal on', async () => {
    const { goal, clean, tick, checkins } = await setup('after-effect');
    const first = await tick(CHECKIN);
    expect(first.outcomes.sent).toBe(0);
    expect(await checkins()).toHaveLength(1);
    // The queue's redelivery or the next tick finds the marker "sent" (whichever comes after the Send
    // event) and only moves the goal on.
    const next = await tick('2026-03-06T14:15:00Z');
    expect(first.outcomes.duplicate + next.outcomes.duplicate).toBe(1);
    expect(await checkins()).toHaveLength(1);
    expect((await clean.store.getGoal(goal.owner, goal.id))?.nextWeek).toBe(2);
  });

  it('is sent once, after 10 minutes, when SES never took it (no Send event came)', async () => {
    const { goal, clean, tick, checkins } = await setup('timeout');
    await tick(CHECKIN);
    expect(await checkins()).toHaveLength(0);
    // Within 10 minutes the claim may still be settled by a late Send event: nothing is sent.
    const early = await tick('2026-03-06T14:05:00Z');
    expect(early.outcomes['in-flight']).toBe(1);
    expect(await checkins()).toHaveLength(0);
    await tick('2026-03-06T14:15:00Z');
    expect(await checkins()).toHaveLength(1);
    expect((await clean.store.getGoal(goal.owner, goal.id))?.nextWeek).toBe(2);
  });

  it('is released at once when SES refused it (throttled): the queue’s retry sends it', async () => {
    // All three of the SDK's attempts are throttled: the claim is released and the queue retries the message.
    const { tick, checkins } = await setup('throttle', 3);
    const first = await tick(CHECKIN);
    expect(first.retried).toBe(1);
    expect(first.outcomes.sent).toBe(1);
    expect(await checkins()).toHaveLength(1);
  });
});
