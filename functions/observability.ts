// Structured JSON logs and CloudWatch metrics (embedded metric format) for the Lambda entries, via
// Powertools; the core only ever sees a plain `log(entry)` function.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type Metrics as CoreMetrics } from './core/ports.js';

export { MetricUnit };

export function observability(service: string) {
  const logger = new Logger({ serviceName: service });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  /** The core's log callback: `msg` becomes the message, the rest structured fields. */
  const log = (entry: Record<string, unknown>) => {
    const { level, msg, ...fields } = entry;
    const message = typeof msg === 'string' ? msg : 'event';
    if (level === 'error') logger.error(message, fields);
    else if (level === 'warn') logger.warn(message, fields);
    else logger.info(message, fields);
  };
  return { logger, metrics, log };
}

/** The core's Metrics port on Powertools: each count is an EMF record of its own, written at once. */
export function metricsPort(metrics: Metrics): CoreMetrics {
  return {
    count(name, dimensions) {
      const single = metrics.singleMetric();
      for (const [key, value] of Object.entries(dimensions)) single.addDimension(key, value);
      single.addMetric(name, MetricUnit.Count, 1);
    },
  };
}
