// Email in: SES receives mail for the inbound domain, stores it raw in S3, then hands it to the inbound function.
import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { DkimIdentity, EasyDkimSigningKeyLength, EmailIdentity, Identity, ReceiptRuleSet, TlsPolicy, type ReceiptRule } from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { ActiveReceiptRuleSet } from './active-receipt-rule-set.js';
import { KompisFunction, type KompisSettings } from './kompis-function.js';
import { privateBucket } from './private-bucket.js';
import { failedEventsQueue } from './queues.js';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { EmailSender } from './outbound-mail.js';

/** Where in the bucket SES puts each message (key = prefix + SES message id), and where the function reads it. */
export const INBOUND_PREFIX = 'inbound/';

/** How long raw mail is kept: long enough to look into or replay a failed message, not longer (it is personal data). */
export const RAW_MAIL_DAYS = 30;

/**
 * The inbound function's reserved concurrency. Mail arrives in bursts after the weekly check-ins; one message
 * takes well under a second to read and answer, so 5 at once handle several messages a second — thousands an
 * hour, more than the replies of 10,000 goals in their busiest hour — and SES's invocations beyond that wait in
 * Lambda's own queue (retried for up to six hours, then in failedEvents). It caps what mail can take from
 * the account (1,000 by default, shared with the web and the sender) and the read-backs it sends. Lambda keeps
 * 100 of an account's concurrency unreserved, so a new account whose limit is below 105 cannot reserve it:
 * deploy there with `-c inboundConcurrency=none` until the limit is raised (README).
 */
export const INBOUND_CONCURRENCY = 5;

/** Long enough to answer "who read this message" for any raw mail still kept, and a while after. */
export const ACCESS_LOG_DAYS = 90;

export interface KompisInboundMailProps extends KompisSettings {
  /**
   * Make the rule set the region's active one on deploy. Off by default: a region has only one active rule
   * set, so activating ours replaces whatever receives mail there now — the operator's call, not the stack's.
   */
  readonly activateRuleSet?: boolean;
  /** Answers to mail (read-backs, "what we understood") go out through it. */
  readonly sender: EmailSender;
  /**
   * Reserved concurrency of the inbound function (undefined: none), so a flood of mail can never take the
   * concurrency the web and the sender need. See INBOUND_CONCURRENCY.
   */
  readonly reservedConcurrency?: number | undefined;
  /**
   * Verify the inbound domain with an identity of its own. Only needed when it lies outside the sending domain:
   * SES counts a verified domain's subdomains as verified.
   */
  readonly verifyDomain?: boolean;
}

/**
 * SES receipt for `inboundDomain`. Mail only arrives once the operator has (see the stack outputs):
 * - verified the domain in SES: the sending domain's DKIM records do it for a subdomain of it, else those of
 *   the identity made here (`verifyDomain`),
 * - created its MX record, pointing at SES's inbound endpoint in this region,
 * - made the rule set active, unless `activateRuleSet` did: CloudFormation alone cannot.
 */
export class KompisInboundMail extends Construct {
  readonly bucket: Bucket;
  /** S3 server access logs of the raw mail bucket. */
  readonly accessLogsBucket: Bucket;
  readonly handler: KompisFunction;
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;
  /** The inbound domain's own identity, when it needs one (`verifyDomain`). */
  readonly identity?: EmailIdentity;
  /** Receipt events the function failed on three times, or that waited too long while it was throttled. */
  readonly failedEvents: Queue;

  constructor(scope: Construct, id: string, props: KompisInboundMailProps) {
    super(scope, id);

    this.accessLogsBucket = privateBucket(this, 'AccessLogs', { expiry: { ruleId: 'ExpireAccessLogs', days: ACCESS_LOG_DAYS } });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server access log bucket; logging its own access would log the log writes, without end.',
    });
    this.bucket = privateBucket(this, 'RawMail', {
      expiry: { ruleId: 'ExpireRawMail', days: RAW_MAIL_DAYS },
      // Who read or wrote which message: it holds people's mail.
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'raw-mail/',
    });

    this.ruleSet = new ReceiptRuleSet(this, 'RuleSet');
    // Every rule this set holds, now and later; by name pattern, since a rule's own name would be a cycle (the
    // rule waits for the bucket policy and the function's permission, so those cannot wait for the rule).
    const rulesOfThisSet = Stack.of(this).formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${this.ruleSet.receiptRuleSetName}:receipt-rule/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const ses = new ServicePrincipal('ses.amazonaws.com');

    // The S3 action below allows SES to put objects for any receipt rule of this account; this narrows
    // that to the rules of this set, so another rule set in the account cannot fill (or overwrite in) our bucket.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [ses],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { ArnNotLike: { 'aws:SourceArn': rulesOfThisSet } },
      }),
    );

    this.handler = new KompisFunction(this, 'Inbound', {
      entry: 'functions/inbound/handler.ts',
      description: 'Kompis email in: replies, commands and sign-ups that SES received',
      // Twice the default: a message may be up to 40 MB (SES's S3 action limit), and all of it is parsed.
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { KOMPIS_INBOUND_BUCKET: this.bucket.bucketName, KOMPIS_INBOUND_PREFIX: INBOUND_PREFIX },
    })
      .configure(props)
      .grantTableReadWrite(props.table)
      .grantSendEmail(props.sender);
    // Get and delete, not bucket.grantReadWrite(): the function reads the one key it is told and deletes it
    // once handled (no raw mail is kept), it never lists or writes.
    this.handler.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)] }),
    );
    Validations.of(this.handler.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/${INBOUND_PREFIX}*]`,
      reason: 'Objects are keyed by the SES message id, unknown before the mail arrives: GetObject and DeleteObject only, only under the prefix SES writes to',
    });
    // The Lambda action adds a permission by this id unless one exists; ours names the rule set as well as the account.
    this.handler.addPermission('AllowSes', { principal: ses, sourceAccount: Stack.of(this).account, sourceArn: rulesOfThisSet });

    // The raw mail of a failed event stays in the bucket (the function deletes it only once handled), so a
    // replay within the queue's 14 days finds it.
    this.failedEvents = failedEventsQueue(this, 'FailedEvents', this.handler);

    this.rule = this.ruleSet.addRule('ToInboundDomain', {
      // The domain, not single addresses: goal@, checkin+…@ and unsubscribe+…@ all arrive through this one rule.
      recipients: [props.inboundDomain],
      // The function reads SES's spam and virus verdicts; without the scan they would all be missing.
      scanEnabled: true,
      // Replies carry signed tokens; a sender that cannot do TLS gets a bounce rather than a cleartext hop.
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        // First stored, so the function can read it: the Lambda event holds headers only, never the body.
        new actions.S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX }),
        // Asynchronous: SES need not wait; Lambda retries a failed run twice (the message stays in S3 meanwhile),
        // then puts the event in failedEvents.
        new actions.Lambda({ function: this.handler, invocationType: actions.LambdaInvocationType.EVENT }),
      ],
    });

    if (props.verifyDomain) {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: Identity.domain(props.inboundDomain),
        dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      });
    }

    if (props.activateRuleSet) {
      // Only once the rule is in place, so no mail arrives at an empty active set and bounces.
      new ActiveReceiptRuleSet(this, 'Active', { ruleSet: this.ruleSet }).node.addDependency(this.rule);
    }
  }
}
