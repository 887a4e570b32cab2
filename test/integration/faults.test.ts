// Nothing lost, nothing sent twice: a whole period for 100 goals with buddies while 20% of
// all DynamoDB and SES calls throttle or time out (before or after taking effect) and the queue
// redelivers whole batches. `npm run test:soak` runs the same with 2,000 goals.
import { describe, expect, it } from 'vitest';
import { freshTable } from '../helpers/deps.js';
import { expectEveryEmailExactlyOnce, runPeriodThroughFaults } from '../helpers/fault-run.js';

describe('under faults', () => {
  it('sends every check-in, buddy report, circle digest and final report exactly once while 20% of calls fail', async () => {
    const seed = Number(process.env.KOMPIS_FAULT_SEED ?? Date.now() % 1_000_000);
    const { KOMPIS_TABLE: table } = await freshTable();
    const run = await runPeriodThroughFaults({ goals: 100, failureRate: 0.2, seed, table: table! });
    // The faults happened, of every kind, on both services.
    for (const label of ['dynamodb throttle', 'dynamodb timeout', 'dynamodb after-effect', 'ses throttle', 'ses timeout', 'ses after-effect']) {
      expect(run.injected[label] ?? 0, `${label}, seed ${seed}`).toBeGreaterThan(0);
    }
    expectEveryEmailExactlyOnce(run);
  }, 240_000);
});
