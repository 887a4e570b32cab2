// Lambda entry for the schedule (every 15 minutes): enqueue every due goal.
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { loadConfig, withSecret } from '../config.js';
import { createStore } from '../deps.js';
import { runTick } from '../core/weekly/tick.js';

const config = loadConfig(await withSecret(process.env));
// Only the store: the tick sends no email, so its bundle carries no SES client.
const store = createStore(config);
const queueUrl = z.url().parse(process.env.KOMPIS_QUEUE_URL);
const queue = new SqsQueue(new SQSClient({ region: config.region }), queueUrl);

export const handler = async (): Promise<{ enqueued: number }> => {
  const result = await runTick({ store, queue }, new Date());
  console.log(JSON.stringify({ level: 'info', msg: 'tick', ...result }));
  return result;
};
