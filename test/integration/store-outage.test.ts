// The store failing under a page: a 503 page that blames nobody, a log line that names the route — never the
// path, whose signed token acts on the goal for months — and a metric for the kind of failure.
import { describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { recordUrl } from '../../functions/core/links/links.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, testConfig } from '../helpers/deps.js';
import { aGoal } from '../helpers/factories.js';
import { depsWithFaults } from '../helpers/fault-run.js';

describe('when DynamoDB fails', () => {
  it('answers 503 with a plain sentence, logs the route (not the token) with Powertools and counts a StoreUnavailable', async () => {
    const config = testConfig(await freshTable());
    const clock = new FixedClock(new Date('2026-03-06T15:00:00Z'));
    const plan = { rate: 1, random: () => 0, kinds: ['throttle' as const], injected: {} };
    const { deps } = depsWithFaults({ ...config }, clock, plan, new DynamoStore(createDynamoClient(config), config.tableName));
    const goal = aGoal();
    const path = new URL(recordUrl(config, goal, 1, 2, clock.now())).pathname;
    // Powertools writes ERROR lines to stderr and the metric (EMF) to stdout, through a console of its own.
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation(((chunk: string) => (lines.push(String(chunk)), true)) as typeof stream.write);
    }
    try {
      const response = await createApp(deps).request(path);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('Kompis could not finish this just now, and part of it may already be saved.');
    } finally {
      vi.restoreAllMocks();
    }
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'request failed', service: 'http', kind: 'StoreUnavailable', route: '/r/:token', status: 503 }),
    );
    // One metric per kind of failure, in the embedded metric format CloudWatch reads from the log.
    const metric = logged.find((entry) => entry._aws !== undefined)!;
    expect(metric).toMatchObject({ StoreUnavailable: 1, service: 'http', _aws: { CloudWatchMetrics: [{ Namespace: 'Kompis', Metrics: [{ Name: 'StoreUnavailable', Unit: 'Count' }] }] } });
    expect(lines.join('\n')).not.toContain(path.split('/')[2]!.slice(0, 20));
  });
});
