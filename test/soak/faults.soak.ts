// The fault test at full size: 2,000 goals with buddies through a whole period while 20% of all DynamoDB
// and SES calls fail and the queue redelivers whole batches — every check-in, buddy report and final
// report exactly once, nothing stuck, nothing dead-lettered.
import { describe, expect, it } from 'vitest';
import { freshTable } from '../helpers/deps.js';
import { expectEveryEmailExactlyOnce, runPeriodThroughFaults } from '../helpers/fault-run.js';

describe('under faults, 2,000 goals', () => {
  it('sends every email exactly once while 20% of calls fail', async () => {
    const seed = Number(process.env.KOMPIS_FAULT_SEED ?? Date.now() % 1_000_000);
    const { KOMPIS_TABLE: table } = await freshTable();
    const began = Date.now();
    const run = await runPeriodThroughFaults({ goals: 2_000, failureRate: 0.2, seed, table: table! });
    console.log(`2,000 goals, seed ${seed}: ${((Date.now() - began) / 1000).toFixed(0)} s; faults injected ${JSON.stringify(run.injected)}; ticks failed ${run.ticksFailed}`);
    expect(Object.values(run.injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(1_000);
    expectEveryEmailExactlyOnce(run);
  });
});
