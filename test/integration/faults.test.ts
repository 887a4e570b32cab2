// Nothing lost, nothing sent twice: a whole period for a few hundred goals with buddies while 20% of
// all DynamoDB and SES calls throttle or time out (before or after taking effect) and the queue
// redelivers whole batches. `npm run test:soak` runs the same with 2,000 goals.
import { describe, expect, it } from 'vitest';
import { freshTable } from '../helpers/deps.js';
import { runPeriodThroughFaults, type FaultRunResult } from '../helpers/fault-run.js';

export function expectEveryEmailExactlyOnce(run: FaultRunResult) {
  const context = `seed ${run.seed}`;
  expect(run.deadLetters, context).toBe(0);
  run.goals.forEach((goal, i) => {
    const { owner, buddy } = run.mail[i]!;
    const subjects = (emails: typeof owner) => emails.map((email) => email.subject).sort();
    expect(run.final[i]?.status, `${context}, goal ${goal.id}`).toBe('completed');
    expect(run.final[i]?.buddyReport, `${context}, goal ${goal.id}`).toBeUndefined();
    expect(subjects(owner), `${context}, owner of ${goal.id}`).toEqual(['Uke 1 av 1: hvor mange ble det denne uka?', expect.stringMatching(/^Målperioden er over: /)].sort());
    expect(subjects(buddy), `${context}, buddy of ${goal.id}, final ${JSON.stringify(run.final[i])}`).toHaveLength(2);
    expect(subjects(buddy).filter((s) => s.startsWith('Ola, uke 1:')), `${context}, buddy of ${goal.id}`).toHaveLength(1);
  });
}

describe('under faults', () => {
  it('sends every check-in, buddy report and final report exactly once while 20% of calls fail', async () => {
    const seed = Number(process.env.KOMPIS_FAULT_SEED ?? Date.now() % 1_000_000);
    const { KOMPIS_TABLE: table } = await freshTable();
    const run = await runPeriodThroughFaults({ goals: 150, failureRate: 0.2, seed, table: table! });
    // The faults happened, of every kind, on both services.
    for (const label of ['dynamodb throttle', 'dynamodb timeout', 'dynamodb after-effect', 'ses throttle', 'ses timeout', 'ses after-effect']) {
      expect(run.injected[label] ?? 0, `${label}, seed ${seed}`).toBeGreaterThan(0);
    }
    expectEveryEmailExactlyOnce(run);
  }, 240_000);
});
