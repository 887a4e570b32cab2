// The weekly loop: a 15-minute schedule runs the tick, which queues due goals for the sender to email.
import { Duration, Validations } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { tableKeys } from '../../functions/adapters/table-definition.js';
import { MAX_RECEIVES } from '../../functions/core/ports.js';
import { KompisFunction, type KompisSettings } from './kompis-function.js';
import type { EmailSender } from './outbound-mail.js';
import { FAILED_KEPT, newQueue } from './queues.js';

export interface KompisWeeklyLoopProps extends KompisSettings {
  /** SES's maximum send rate for the account, in emails per second. */
  readonly maxSendRate: number;
  /** The check-ins and reports go out through it. */
  readonly sender: EmailSender;
}

/** The fewest concurrent senders an SQS event source allows; each one paces itself (see below). */
export const SEND_CONCURRENCY = 2;

/**
 * The rate one sender may send at so that all of them together stay within SES's rate: a whole number
 * where it can be, a fraction below 1 (the sender's pacer takes one) rather than a total over the quota.
 */
export function sendRatePerSender(maxSendRate: number): number {
  const share = maxSendRate / SEND_CONCURRENCY;
  return share >= 1 ? Math.floor(share) : share;
}

const SEND_TIMEOUT = Duration.seconds(60);

export class KompisWeeklyLoop extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** Schedule events EventBridge could not deliver to the tick. */
  readonly tickDeadLetterQueue: Queue;
  readonly tick: KompisFunction;
  readonly send: KompisFunction;
  readonly schedule: Rule;

  constructor(scope: Construct, id: string, props: KompisWeeklyLoopProps) {
    super(scope, id);

    this.deadLetterQueue = newQueue(this, 'SendDeadLetters', { retentionPeriod: FAILED_KEPT });
    this.queue = newQueue(this, 'SendQueue', {
      // AWS's advice for a Lambda event source: six times the function timeout, so a message is not
      // handed to a second sender while the first may still be working on it (or retrying a throttle).
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      // A message the sender keeps failing on (SES down, a bad goal) stops after 10 tries and waits here.
      // 10, not 5: a send touches DynamoDB a dozen times, and under a spell of throttling (the fault test:
      // 20 % of calls) five failed tries in a row happen to about one message in 30,000 — a dead letter
      // for a message that only needed the spell to pass. Ten tries, six minutes apart, span an hour.
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
    });
    this.tickDeadLetterQueue = newQueue(this, 'TickDeadLetters', { retentionPeriod: FAILED_KEPT });
    Validations.of(this.tickDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "It is itself a dead-letter queue, of the schedule's Lambda target (EventBridge's DeadLetterConfig, which cdk-nag does not recognise as it does an SQS RedrivePolicy); nothing consumes it, so nothing could fail into another",
    });

    this.send = new KompisFunction(this, 'Send', {
      entry: 'functions/send/handler.ts',
      description: 'Kompis weekly loop: sends the check-ins and reports the tick queued',
      timeout: SEND_TIMEOUT,
      environment: {
        // SES's rate is per account, so it is split between the senders. maxConcurrency caps them at
        // SEND_CONCURRENCY (unlike reserved concurrency, whose throttled invocations would use up a message's
        // receives and send it to the dead letters early), and each paces its batches at its share. The web function's confirmation emails share the rate
        // too; they are few, and the SDK's retries absorb a rare throttle.
        KOMPIS_MAX_SEND_RATE: String(sendRatePerSender(props.maxSendRate)),
      },
    })
      .configure(props)
      .grantTableReadWrite(props.table)
      .grantSendEmail(props.sender);
    this.send.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        // A failed message alone returns to the queue, not the whole batch (handler returns batchItemFailures).
        reportBatchItemFailures: true,
        maxConcurrency: SEND_CONCURRENCY,
      }),
    );

    this.tick = new KompisFunction(this, 'Tick', {
      entry: 'functions/tick/handler.ts',
      description: 'Kompis weekly loop: queues the goals that are due',
      // A third of the schedule's interval, so a tick has ended before the next one starts. No reserved
      // concurrency of 1 to keep ticks apart: a new account's low concurrency limit can refuse it and fail
      // the deploy, and the tick is idempotent anyway — an overlap (say, an async retry) only queues
      // duplicates, which the sender's claims turn into no-ops.
      timeout: Duration.minutes(5),
      environment: { KOMPIS_QUEUE_URL: this.queue.queueUrl },
    }).configure(props);
    // The tick only queries the due index, so that is all it may do: a Scan, or any write, is refused.
    this.tick.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.table.tableArn}/index/${tableKeys.dueIndex.name}`],
      }),
    );
    this.queue.grants.sendMessages(this.tick);

    this.schedule = new Rule(this, 'Schedule', {
      description: 'Kompis weekly loop: run the tick',
      schedule: Schedule.rate(Duration.minutes(15)),
      targets: [
        new LambdaFunction(this.tick, {
          // These cover delivering the event to Lambda; errors inside a run get Lambda's own async retries,
          // and a tick that is lost altogether is caught up by the next one.
          retryAttempts: 2,
          deadLetterQueue: this.tickDeadLetterQueue,
        }),
      ],
    });
  }
}
