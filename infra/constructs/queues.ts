// SQS queues the way every Kompis queue is made, and the queue Lambda puts an asynchronous event in once it gives up.
import { Duration, Validations } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** How long a dead letter or a failed event waits for a look: two weekends of leave, and within the raw mail's 30 days. */
export const FAILED_KEPT = Duration.days(14);

/** Every queue encrypted with SQS-managed keys and reachable over TLS only. */
export function newQueue(scope: Construct, id: string, props: Omit<QueueProps, 'encryption' | 'enforceSSL'>): Queue {
  return new Queue(scope, id, { ...props, encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true });
}

/**
 * For a function AWS invokes asynchronously (SES receipt, SNS): Lambda retries a failed event twice, keeps a
 * throttled one up to six hours, and then drops it — unless an on-failure destination takes it. This queue
 * does: each message is Lambda's invocation record (the event itself under `requestPayload`), which
 * `npx kompis replay-inbound` / `replay-feedback` hand back to the function (README, Alarms).
 */
export function failedEventsQueue(scope: Construct, id: string, fn: IFunction): Queue {
  const queue = newQueue(scope, id, { retentionPeriod: FAILED_KEPT });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      "It is itself where failed events end up (the function's on-failure destination, which cdk-nag does not recognise as it does an SQS RedrivePolicy); nothing consumes it but the replay command, so nothing could fail into another",
  });
  fn.configureAsyncInvoke({ onFailure: new SqsDestination(queue), retryAttempts: 2, maxEventAge: Duration.hours(6) });
  return queue;
}
