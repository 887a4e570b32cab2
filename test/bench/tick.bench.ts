// Due-goal selection: one tick selecting 1,000 due goals among 1,000, 10,000 and 100,000 goals in
// DynamoDB Local, against a Scan-based selection over the same data. Each size gets its own table.
import { BatchWriteItemCommand, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { dueAt, duePartition, dueShard } from '../../functions/core/goals/due-index.js';
import type { Queue } from '../../functions/core/ports.js';
import { runTick } from '../../functions/core/weekly/tick.js';
import { ensureTable } from '../../functions/local/table.js';
import { aGoal } from '../helpers/factories.js';
import { median } from './measure.js';

const NOW = new Date('2026-03-06T14:00:00Z');
const DUE = '2026-03-06T14:00:00.000Z';
const LATER = '2026-03-13T14:00:00.000Z';

function goalItem(index: number, due: boolean) {
  const id = ulid(NOW.getTime() - index);
  const goal = aGoal({
    id,
    owner: `owner${index}@example.com`,
    firstCheckinDate: '2026-01-09',
    nextWeek: 9,
    nextCheckinAt: due ? DUE : LATER,
  });
  return {
    pk: `PERSON#${goal.owner}`,
    sk: `GOAL#${id}`,
    type: 'goal',
    ...goal,
    gsi1pk: duePartition(dueShard(id)),
    gsi1sk: dueAt(goal),
  };
}

async function load(client: DynamoDBClient, table: string, total: number, due: number, log: (s: string) => void) {
  const items = Array.from({ length: total }, (_, i) => goalItem(i, i < due));
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
      while (requests.length) {
        const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
        requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: 8 }, worker));
  log(`  loaded ${total.toLocaleString('en')} goals in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The baseline: what a tick would cost if it had to Scan the table for due goals. */
async function scanDue(client: DynamoDBClient, table: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: '#s = :active AND nextCheckinAt <= :now',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':active': { S: 'active' }, ':now': { S: NOW.toISOString() } },
        ExclusiveStartKey,
      }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

export async function benchTick(endpoint: string, sizes: number[], log: (s: string) => void) {
  const raw = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = createDynamoClient({ region: 'eu-north-1', dynamodbEndpoint: endpoint });
  const tables: { size: number; tick: () => Promise<void>; times: number[] }[] = [];
  for (const size of sizes) {
    const table = `bench-${size}`;
    await ensureTable(raw, table);
    await load(raw, table, size, 1000, log);
    const store = new DynamoStore(doc, table);
    let selected = 0;
    const queue: Queue = { send: async (messages) => void (selected += messages.length) };
    const tick = async () => {
      selected = 0;
      await runTick({ store, queue }, NOW);
      if (selected !== 1000) throw new Error(`tick selected ${selected} goals, expected 1000`);
    };
    tables.push({ size, tick, times: [] });
  }
  // Warm both JITs (Node's and DynamoDB Local's JVM), then time the sizes in turn, so neither warm-up
  // nor a noisy moment favours one size.
  for (let i = 0; i < 3; i++) for (const t of tables) await t.tick();
  for (let round = 0; round < 9; round++) {
    for (const t of tables) t.times.push(await median(1, t.tick));
  }
  const points: { goals: number; due: number; tickMs: number; scanMs?: number }[] = [];
  for (const t of tables) {
    const sorted = [...t.times].sort((a, b) => a - b);
    const point: (typeof points)[number] = { goals: t.size, due: 1000, tickMs: sorted[Math.floor(sorted.length / 2)]! };
    if (t === tables.at(-1)) {
      // One run: a Scan of 100,000 items in DynamoDB Local takes about a minute.
      point.scanMs = await median(1, async () => {
        const found = await scanDue(raw, `bench-${t.size}`);
        if (found !== 1000) throw new Error(`scan found ${found}, expected 1000`);
      });
    }
    log(`  ${t.size.toLocaleString('en')} goals: tick ${point.tickMs.toFixed(0)} ms${point.scanMs ? `, scan ${point.scanMs.toFixed(0)} ms` : ''}`);
    points.push(point);
  }
  raw.destroy();
  return points;
}
