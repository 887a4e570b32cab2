// DynamoDB Local killed outright in the middle of a tick's sends, then started again on its data: the
// next tick completes the week, and nobody gets a check-in twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import type { Clock } from '../../functions/core/ports.js';
import { handleSendBatch } from '../../functions/core/weekly/send.js';
import { createPacer } from '../../functions/core/emails/send-rate.js';
import { runTick } from '../../functions/core/weekly/tick.js';
import { startDynamoLocal, type DynamoLocal } from '../../functions/local/dynamodb-local.js';
import { MemoryQueue } from '../../functions/local/memory-queue.js';
import { freePort } from '../../functions/local/ports.js';
import { ensureTable } from '../../functions/local/table.js';
import { testConfig } from '../helpers/deps.js';
import { aGoal, uniqueEmail } from '../helpers/factories.js';
import { depsWithFaults } from '../helpers/fault-run.js';
import { outbox } from '../helpers/outbox.js';

const T0 = Date.parse('2026-03-06T14:00:00Z');
const GOALS = 40;
const KILL_AFTER_SENDS = 12;

let dir: string | undefined;
let dynamo: DynamoLocal | undefined;
afterAll(async () => {
  await dynamo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('DynamoDB Local killed mid-tick', () => {
  it('the next tick completes the week with no duplicates', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kompis-restart-'));
    const port = await freePort();
    dynamo = await startDynamoLocal({ port, dbPath: dir });
    const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await ensureTable(raw, 'restart');
    raw.destroy();
    const config = testConfig({ KOMPIS_TABLE: 'restart', KOMPIS_DYNAMODB_ENDPOINT: dynamo.endpoint });
    let now = new Date(T0);
    const clock: Clock = { now: () => new Date(now) };
    const clean = new DynamoStore(createDynamoClient(config), config.tableName);
    const { deps, sendEvents } = depsWithFaults(config, clock, { rate: 0, random: Math.random, injected: {} }, clean);

    const goals = Array.from({ length: GOALS }, (_, i) =>
      aGoal({ id: ulid(T0 - i), owner: uniqueEmail('restart'), weeks: 2, nextWeek: 1, firstCheckinDate: '2026-03-06', nextCheckinAt: new Date(T0).toISOString(), version: 1 }),
    );
    for (const goal of goals) await clean.saveGoal(goal);

    // The crash: right after the 12th email left, DynamoDB Local dies — the sent markers of that email
    // and of the ones sent beside it are not written yet.
    let sends = 0;
    const crashing = {
      ...deps,
      mailer: {
        send: async (email: Parameters<typeof deps.mailer.send>[0]) => {
          const result = await deps.mailer.send(email);
          if (++sends === KILL_AFTER_SENDS) await dynamo!.kill();
          return result;
        },
      },
    };
    const tick = async (client: typeof deps) => {
      const queue = new MemoryQueue();
      await runTick({ store: client.store, queue }, now).catch(() => undefined);
      return queue.drain((records) => handleSendBatch({ ...client, pacer: createPacer(1000) }, records));
    };
    await tick(crashing);
    const sentBeforeCrash = (await outbox()).filter((email) => goals.some((goal) => email.destination.to.includes(goal.owner))).length;
    expect(sentBeforeCrash).toBeGreaterThanOrEqual(KILL_AFTER_SENDS);
    expect(sentBeforeCrash).toBeLessThan(GOALS);

    // Started again on the same data; SES's Send events for the unmarked emails get through now.
    dynamo = await startDynamoLocal({ port, dbPath: dir });
    await sendEvents.settled();
    now = new Date(T0 + 15 * 60_000);
    await tick(deps);

    const mail = await outbox();
    for (const goal of goals) {
      expect(mail.filter((email) => email.destination.to.includes(goal.owner)).map((email) => email.subject), goal.owner).toEqual([
        'Uke 1 av 2: hvor mange ble det denne uka?',
      ]);
      expect((await clean.getGoal(goal.owner, goal.id))?.nextWeek).toBe(2);
    }
  }, 120_000);
});
