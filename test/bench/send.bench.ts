// Send throughput: N due goals through tick → in-process queue → send, against DynamoDB Local and the
// local SES, uncapped and at a capped rate; the outbox must then hold exactly one check-in per goal.
import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { loadConfig } from '../../functions/config.js';
import { dueAt, duePartition, dueShard } from '../../functions/core/goals/due-index.js';
import { createLocalDeps } from '../../functions/local/deps.js';
import { freePort } from '../../functions/local/ports.js';
import { startLocalStack } from '../../functions/local/stack.js';
import { runWeekly } from '../../functions/local/weekly-run.js';
import { aGoal } from '../helpers/factories.js';

const NOW = new Date('2026-03-06T14:00:00Z');

async function loadDueGoals(client: DynamoDBClient, table: string, count: number, tag: string) {
  const items = Array.from({ length: count }, (_, i) => {
    const goal = aGoal({ id: ulid(NOW.getTime() - i), owner: `${tag}${i}@example.com`, nextWeek: 1, firstCheckinDate: '2026-03-06', nextCheckinAt: NOW.toISOString() });
    return [
      { pk: `PERSON#${goal.owner}`, sk: `GOAL#${goal.id}`, type: 'goal', ...goal, gsi1pk: duePartition(dueShard(goal.id)), gsi1sk: dueAt(goal) },
      { pk: `GOAL#${goal.id}`, sk: 'OWNER', owner: goal.owner },
    ];
  }).flat();
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
    while (requests.length) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}

async function outboxCount(sesEndpoint: string, tag: string): Promise<number> {
  const { emails } = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: { destination: { to: string[] } }[] };
  return emails.filter((e) => e.destination.to.some((to) => to.startsWith(tag))).length;
}

export async function benchSend(options: { uncapped: number; capped: number; rate: number }, log: (s: string) => void) {
  const stack = await startLocalStack({ dynamoPort: await freePort(), sesPort: await freePort(), tableName: 'bench-send' });
  try {
    const client = new DynamoDBClient({ endpoint: stack.dynamodbEndpoint, region: 'eu-north-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const config = loadConfig({
      KOMPIS_SECRET: 'bench:0123456789abcdef0123456789abcdef0123456789',
      KOMPIS_TABLE: 'bench-send',
      KOMPIS_DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
      KOMPIS_SES_ENDPOINT: stack.sesEndpoint,
    });
    const deps = createLocalDeps(config);

    await loadDueGoals(client, 'bench-send', options.uncapped, 'fast');
    let started = performance.now();
    const fast = await runWeekly(deps, NOW, 100_000);
    const uncappedSeconds = (performance.now() - started) / 1000;
    const fastInOutbox = await outboxCount(stack.sesEndpoint, 'fast');
    log(`  uncapped: ${fast.outcomes.sent} sent in ${uncappedSeconds.toFixed(1)} s → ${(fast.outcomes.sent / uncappedSeconds).toFixed(0)}/s; outbox ${fastInOutbox}`);

    await loadDueGoals(client, 'bench-send', options.capped, 'slow');
    started = performance.now();
    const slow = await runWeekly(deps, NOW, options.rate);
    const cappedSeconds = (performance.now() - started) / 1000;
    const slowInOutbox = await outboxCount(stack.sesEndpoint, 'slow');
    log(`  capped at ${options.rate}/s: ${slow.outcomes.sent} sent in ${cappedSeconds.toFixed(1)} s → ${(slow.outcomes.sent / cappedSeconds).toFixed(2)}/s; outbox ${slowInOutbox}`);
    client.destroy();
    return {
      uncapped: { goals: options.uncapped, sent: fast.outcomes.sent, seconds: uncappedSeconds, perSecond: fast.outcomes.sent / uncappedSeconds, inOutbox: fastInOutbox },
      capped: { goals: options.capped, rate: options.rate, sent: slow.outcomes.sent, seconds: cappedSeconds, perSecond: slow.outcomes.sent / cappedSeconds, inOutbox: slowInOutbox },
    };
  } finally {
    await stack.stop();
  }
}
