// Lambda entry for the schedule (every 15 minutes): enqueue every due goal.
import { SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { loadConfig } from '../config.js';
import { createDeps } from '../deps.js';
import { runTick } from '../core/weekly/tick.js';

const config = loadConfig();
const deps = createDeps(config);
const queueUrl = z.url().parse(process.env.KOMPIS_QUEUE_URL);
const queue = new SqsQueue(new SQSClient({ region: config.region }), queueUrl);

export const handler = async (): Promise<{ enqueued: number }> => {
  const result = await runTick({ store: deps.store, queue }, deps.clock.now());
  console.log(JSON.stringify({ level: 'info', msg: 'tick', ...result }));
  return result;
};
