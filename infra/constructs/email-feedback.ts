// SES feedback in: the configuration set's topic invokes the feedback function, which suppresses bad addresses.
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { KompisFunction, type KompisSettings } from './kompis-function.js';
import { failedEventsQueue } from './queues.js';

export interface KompisEmailFeedbackProps extends KompisSettings {
  /** The topic SES publishes sends, bounces, complaints, rejects and delivery delays to. */
  readonly topic: ITopic;
}

export class KompisEmailFeedback extends Construct {
  readonly handler: KompisFunction;
  /** SES events the function failed on three times (SNS invokes it asynchronously). */
  readonly failedEvents: Queue;

  constructor(scope: Construct, id: string, props: KompisEmailFeedbackProps) {
    super(scope, id);
    // Table access only: it marks addresses as suppressed and sends as settled, and sends nothing itself,
    // so it has no SES permission.
    this.handler = new KompisFunction(this, 'Feedback', {
      entry: 'functions/feedback/handler.ts',
      description: 'Kompis email feedback: settles unknown sends, suppresses addresses that hard-bounced or complained',
    })
      .configure(props)
      .grantTableReadWrite(props.table);
    props.topic.addSubscription(new LambdaSubscription(this.handler));
    // A lost bounce or complaint would let Kompis mail that address again; a lost Send event, send an email twice.
    this.failedEvents = failedEventsQueue(this, 'FailedEvents', this.handler);
  }
}
