// Lambda entry for received mail: SES stored it in S3, then invokes this with the receipt event.
import * as z from 'zod';
import { createS3Client } from '../adapters/clients.js';
import { S3RawMail } from '../adapters/s3-raw-mail.js';
import { loadConfig, withSecret } from '../config.js';
import { createDeps } from '../deps.js';
import { handleSesEvent } from './handle-event.js';
import { MetricUnit, observability } from '../observability.js';

const config = loadConfig(await withSecret(process.env));
const deps = createDeps(config);
const bucket = z.string().min(3).parse(process.env.KOMPIS_INBOUND_BUCKET);
const rawMail = new S3RawMail(createS3Client(config), bucket, process.env.KOMPIS_INBOUND_PREFIX ?? '');
const { log, metrics } = observability('inbound');

export const handler = async (event: unknown) => {
  const results = await handleSesEvent(deps, rawMail, event, log);
  metrics.addMetric('InboundAccepted', MetricUnit.Count, results.filter((r) => !r.outcome.startsWith('dropped:')).length);
  metrics.addMetric('InboundDropped', MetricUnit.Count, results.filter((r) => r.outcome.startsWith('dropped:')).length);
  metrics.publishStoredMetrics();
  // SES ignores the result of an asynchronous (Event) invocation; returned for logs and tests.
  return { results };
};
