// Lambda entry for SES feedback (sends, bounces, complaints, rejects, delays) from the configuration set's SNS topic.
import { parseSesFeedback, snsMessagesOf } from '../adapters/aws-events.js';
import { applyFeedback } from '../core/emails/feedback.js';
import { loadConfig, withSecret } from '../config.js';
import { createStore } from '../store.js';
import { MetricUnit, observability } from '../observability.js';

const store = createStore(loadConfig(await withSecret(process.env)));
const { log, metrics } = observability('feedback');

export const handler = async (event: unknown) => {
  const messages = snsMessagesOf(event);
  if (!messages) {
    log({ level: 'error', msg: 'not an SNS event' });
    return { suppressed: 0 };
  }
  let suppressed = 0;
  let confirmed = 0;
  for (const message of messages) {
    const result = await applyFeedback(store, parseSesFeedback(message), new Date());
    suppressed += result.suppressed.length;
    if (result.confirmed) confirmed++;
    if (result.suppressed.length) log({ level: 'info', msg: 'suppressed', count: result.suppressed.length });
  }
  metrics.addMetric('AddressesSuppressed', MetricUnit.Count, suppressed);
  // Sends whose outcome their sender could not know, settled here: a rise means SES calls are timing out.
  metrics.addMetric('SendsSettledByEvent', MetricUnit.Count, confirmed);
  metrics.publishStoredMetrics();
  return { suppressed };
};
