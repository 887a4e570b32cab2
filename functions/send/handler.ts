// Lambda entry for the send queue: SQS batches in, partial batch failures out (ReportBatchItemFailures).
import { sqsBatchResponse, sqsRecordsOf } from '../adapters/aws-events.js';
import { loadConfig, withSecret } from '../config.js';
import { createDeps } from '../deps.js';
import { handleSendBatch } from '../core/weekly/send.js';
import { createPacer } from '../core/emails/send-rate.js';
import { metricsPort, MetricUnit, observability } from '../observability.js';

const config = loadConfig(await withSecret(process.env));
const { log, metrics } = observability('send');
const deps = { ...createDeps(config), pacer: createPacer(config.maxSendRate), log, metrics: metricsPort(metrics) };

export const handler = async (event: unknown) => {
  const Records = sqsRecordsOf(event);
  const { failed, outcomes } = await handleSendBatch(deps, Records);
  log({ level: 'info', msg: 'send batch', received: Records.length, failed: failed.length, outcomes });
  metrics.addMetric('EmailsSent', MetricUnit.Count, outcomes.filter((o) => o === 'sent').length);
  metrics.addMetric('SendFailures', MetricUnit.Count, failed.length);
  metrics.publishStoredMetrics();
  return sqsBatchResponse(failed);
};
