// What the web reports when it answers a 5xx: one structured log line (Powertools, as every function logs) and
// one CloudWatch metric named after the kind of failure, so the operator sees which part broke. The page itself
// tells the person nothing of this.
import { EmailNotSent } from '../core/errors.js';
import { redactAddresses } from '../core/emails/message-key.js';
import { SendOutcomeUnknown, SendRefused } from '../core/ports.js';
import { MetricUnit, observability } from '../observability.js';

/** Each kind is a metric of its own in the Kompis namespace, service http. */
export const failureKinds = ['EmailRefused', 'EmailOutcomeUnknown', 'StoreUnavailable', 'Unexpected'] as const;
export type FailureKind = (typeof failureKinds)[number];

export interface WebFailure {
  kind: FailureKind;
  method: string;
  /** The route's pattern, never the path: paths carry signed tokens that act on a goal for months. */
  route: string;
  status: number;
  /** What failed, by name and message; an EmailNotSent also names what the person was told. */
  error: string;
}

export type FailureReporter = (failure: WebFailure) => void;

/** Node's errors for a connection that failed or broke: the SDK rethrows them as they are, without $metadata. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * The kind, from the error and its causes: the mailer says whether SES refused the email or may have taken
 * it; any other AWS SDK error comes from DynamoDB (the web talks to nothing else after its cold start); the
 * rest is a bug.
 */
export function failureKind(error: unknown): FailureKind {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof SendRefused) return 'EmailRefused';
    if (e instanceof SendOutcomeUnknown) return 'EmailOutcomeUnknown';
    if ('$metadata' in e || e.name === 'TimeoutError' || networkCodes.has(String((e as { code?: unknown }).code))) return 'StoreUnavailable';
  }
  return 'Unexpected';
}

/** Addresses in it by their hash only: SES's refusals can name the recipient ("identities failed the check: …"). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return redactAddresses(String(error));
  const told = error instanceof EmailNotSent ? ` (told: ${error.messageKey})` : '';
  const cause = error.cause instanceof Error ? `; cause ${error.cause.name}: ${error.cause.message}` : '';
  return redactAddresses(`${error.name}: ${error.message}${told}${cause}`);
}

/** Logs the failure at ERROR and publishes its metric at once (a web request is one invocation). */
export function powertoolsReporter(tools = observability('http')): FailureReporter {
  return ({ kind, ...fields }) => {
    tools.logger.error('request failed', { kind, ...fields });
    tools.metrics.addMetric(kind, MetricUnit.Count, 1);
    tools.metrics.publishStoredMetrics();
  };
}
