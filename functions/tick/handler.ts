// Lambda entry for the schedule (every 15 minutes): enqueue every due goal.
import * as z from 'zod/mini';
import { createSqsClient } from '../adapters/clients.js';
import { SqsQueue } from '../adapters/sqs-queue.js';
import { loadConfig, withSecret } from '../config.js';
import { createStore } from '../store.js';
import { runTick } from '../core/weekly/tick.js';
import { MetricUnit, observability } from '../observability.js';

const config = loadConfig(await withSecret(process.env));
// Only the store: the tick sends no email, so its bundle carries no SES client.
const store = createStore(config);
const queueUrl = z.url().parse(process.env.KOMPIS_QUEUE_URL);
const queue = new SqsQueue(createSqsClient(config), queueUrl);

const { log, metrics } = observability('tick');

export const handler = async (): Promise<{ enqueued: number }> => {
  const result = await runTick({ store, queue }, new Date());
  log({ level: 'info', msg: 'tick', ...result });
  metrics.addMetric('GoalsEnqueued', MetricUnit.Count, result.enqueued);
  metrics.publishStoredMetrics();
  return result;
};
