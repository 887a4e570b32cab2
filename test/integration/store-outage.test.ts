// The store failing under a page: a 503 page that blames nobody, and a log line that names the route —
// never the path, whose signed token acts on the goal for months.
import { describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { recordUrl } from '../../functions/core/goals/links.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, testConfig } from '../helpers/deps.js';
import { aGoal } from '../helpers/factories.js';
import { depsWithFaults } from '../helpers/fault-run.js';

describe('when DynamoDB fails', () => {
  it('answers 503 with a plain sentence and logs the route, not the token', async () => {
    const config = testConfig(await freshTable());
    const clock = new FixedClock(new Date('2026-03-06T15:00:00Z'));
    const plan = { rate: 1, random: () => 0, kinds: ['throttle' as const], injected: {} };
    const { deps } = depsWithFaults({ ...config }, clock, plan, new DynamoStore(createDynamoClient(config), config.tableName));
    const goal = aGoal();
    const path = new URL(recordUrl(config, goal, 1, 2, clock.now())).pathname;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await createApp(deps).request(path);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Kompis could not finish this just now.');
      const lines = logged.mock.calls.map((call) => String(call[0]));
      expect(lines.some((line) => line.includes('"route":"/r/:token"'))).toBe(true);
      expect(lines.join('\n')).not.toContain(path.split('/')[2]!.slice(0, 20));
    } finally {
      logged.mockRestore();
    }
  });
});
