// The Kompis stack: wires table, secret, web API, weekly loop, email out and in, and alarms, and outputs what an operator needs.
import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AccountSuppression } from './constructs/account-suppression.js';
import { KompisAlarms } from './constructs/alarms.js';
import { KompisEmailFeedback } from './constructs/email-feedback.js';
import { KompisHttpApi } from './constructs/http-api.js';
import { KompisInboundMail, RAW_MAIL_DAYS } from './constructs/inbound-mail.js';
import { KompisOutboundMail } from './constructs/outbound-mail.js';
import { ServiceTopics } from './constructs/service-topics.js';
import { KompisTable } from './constructs/table.js';
import { KompisWeeklyLoop } from './constructs/weekly-loop.js';
import { kompisRegion } from './region.js';
import { isSameOrSubdomain, readKompisContext, type KompisContext } from './context.js';
import { MAX_RECEIVES } from '../functions/core/ports.js';
import { outputApiDomainRecord, outputDkimRecords, outputInboundMxRecord, outputSendingRecords } from './dns-records.js';

export class KompisStack extends Stack {
  readonly context: KompisContext;
  readonly table: TableV2;
  readonly signingSecret: Secret;
  /** The key and topics AWS services publish to (SES feedback, alarms). */
  readonly topics: ServiceTopics;
  readonly outboundMail: KompisOutboundMail;
  readonly web: KompisHttpApi;
  readonly weeklyLoop: KompisWeeklyLoop;
  readonly inboundMail: KompisInboundMail;
  readonly feedback: KompisEmailFeedback;
  readonly alarms: KompisAlarms;

  constructor(scope: Construct, id: string, props?: Omit<StackProps, 'env'>) {
    // One explicit region (checked: SES must receive email there); the account stays the deploying one's.
    super(scope, id, { ...props, env: { region: kompisRegion(scope) } });
    const context = readKompisContext(this);
    this.context = context;

    const { table } = new KompisTable(this, 'Data');
    this.table = table;

    this.signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Kompis token signing keys (KOMPIS_SECRET): one secret, or "k2:new,k1:old" while rotating',
      // Letters and digits only: functions/config.ts reads "id:secret,…", so ':' and ',' must not occur; a bare
      // secret is read as key id "k1".
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
    });
    Validations.of(this.signingSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand with key ids ("k2:new,k1:old": the first signs, all verify; README). Automatic rotation would replace the value wholesale and break every link already emailed, which must keep verifying for weeks',
    });

    // SES publishes feedback, CloudWatch alarms: both to topics under one key they may use.
    const topics = new ServiceTopics(this, 'Topics', { publishers: ['ses.amazonaws.com', 'cloudwatch.amazonaws.com'] });
    this.topics = topics;
    this.outboundMail = new KompisOutboundMail(this, 'Outbound', {
      domain: context.domain,
      mailFromDomain: context.mailFromDomain,
      topics,
      sandboxRecipients: context.sandboxRecipients,
    });

    const sender = this.outboundMail;
    const settings = { table, signingSecret: this.signingSecret, fromAddress: context.fromAddress, inboundDomain: context.inboundDomain };
    const customDomain = context.certificateArn && context.apiDomain ? { domainName: context.apiDomain, certificateArn: context.certificateArn } : undefined;
    this.web = new KompisHttpApi(this, 'Web', { ...settings, sender, baseUrl: context.baseUrl, customDomain });
    // The emails link to the same web the web function serves.
    const baseUrl = this.web.baseUrl;
    this.weeklyLoop = new KompisWeeklyLoop(this, 'Weekly', { ...settings, sender, baseUrl, maxSendRate: context.maxSendRate });
    this.inboundMail = new KompisInboundMail(this, 'Email', {
      ...settings,
      sender,
      baseUrl,
      activateRuleSet: context.activateRuleSet,
      reservedConcurrency: context.inboundConcurrency === 'none' ? undefined : context.inboundConcurrency,
      verifyDomain: !isSameOrSubdomain(context.inboundDomain, context.domain),
    });
    this.feedback = new KompisEmailFeedback(this, 'Feedback', { ...settings, baseUrl, topic: this.outboundMail.feedbackTopic });
    if (context.accountSuppression) new AccountSuppression(this, 'AccountSuppression');

    this.alarms = new KompisAlarms(this, 'Alarms', { topics, email: context.alarmEmail })
      .watchDeadLetters('SendDeadLetters', this.weeklyLoop.deadLetterQueue, `Emails that failed ${MAX_RECEIVES} times`)
      .watchDeadLetters('TickDeadLetters', this.weeklyLoop.tickDeadLetterQueue, 'Schedule events that never reached the tick')
      .watchDeadLetters('InboundFailedEvents', this.inboundMail.failedEvents, 'Received emails the inbound function could not handle')
      .watchDeadLetters('FeedbackFailedEvents', this.feedback.failedEvents, 'SES events the feedback function could not apply')
      .watchFunction('Http', this.web.handler)
      .watchHttpApi('Web', this.web.api)
      .watchFunction('Tick', this.weeklyLoop.tick)
      .watchFunction('Send', this.weeklyLoop.send)
      .watchFunction('Inbound', this.inboundMail.handler)
      .watchFunction('Feedback', this.feedback.handler)
      .watchSesReputation()
      .watchCeilings();

    this.addOutputs(context);
  }

  private addOutputs(context: KompisContext): void {
    new CfnOutput(this, 'ApiUrl', { value: this.web.url, description: 'Open this: the sign-up page' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SendQueueUrl', { value: this.weeklyLoop.queue.queueUrl });
    new CfnOutput(this, 'SendDeadLetterQueueName', {
      value: this.weeklyLoop.deadLetterQueue.queueName,
      description: `Emails that failed ${MAX_RECEIVES} times; redrive them to the send queue once the cause is fixed`,
    });
    new CfnOutput(this, 'TickDeadLetterQueueName', {
      value: this.weeklyLoop.tickDeadLetterQueue.queueName,
      description: 'Schedule events that never reached the tick; nothing to redrive, the next tick catches up',
    });
    new CfnOutput(this, 'InboundFailedEventsQueueUrl', {
      value: this.inboundMail.failedEvents.queueUrl,
      description: 'Received emails the inbound function gave up on; replay: npx kompis replay-inbound --queue <this URL>',
    });
    new CfnOutput(this, 'FeedbackFailedEventsQueueUrl', {
      value: this.feedback.failedEvents.queueUrl,
      description: 'SES events the feedback function gave up on; replay: npx kompis replay-feedback --queue <this URL>',
    });
    new CfnOutput(this, 'InboundBucketName', {
      value: this.inboundMail.bucket.bucketName,
      description: `Raw received mail, kept ${RAW_MAIL_DAYS} days`,
    });
    new CfnOutput(this, 'ReceiptRuleSetName', {
      value: this.inboundMail.ruleSet.receiptRuleSetName,
      description: context.activateRuleSet
        ? 'Active: this stack activated it (-c activateRuleSet=true)'
        : 'Activate it once: aws ses set-active-receipt-rule-set --rule-set-name <this name> (or deploy with -c activateRuleSet=true)',
    });
    new CfnOutput(this, 'ConfigurationSetName', { value: this.outboundMail.configurationSetName });
    new CfnOutput(this, 'SigningSecretArn', { value: this.signingSecret.secretArn, description: 'Rotate keys here: "k2:new,k1:old"' });

    outputDkimRecords(this, 'DkimRecord', this.outboundMail.identity.dkimRecords, context.domain);
    outputSendingRecords(this, { domain: context.domain, mailFromDomain: context.mailFromDomain, reportEmail: context.alarmEmail });
    outputInboundMxRecord(this, context.inboundDomain);
    if (this.inboundMail.identity) outputDkimRecords(this, 'InboundDkimRecord', this.inboundMail.identity.dkimRecords, context.inboundDomain);
    if (this.web.domainName && context.apiDomain) outputApiDomainRecord(this, context.apiDomain, this.web.domainName.regionalDomainName);
  }
}
