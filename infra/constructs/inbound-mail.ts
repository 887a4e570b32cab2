// Email in: SES receives mail for the inbound domain, stores it raw in S3, then hands it to the inbound function.
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { ReceiptRuleSet, TlsPolicy, type ReceiptRule } from 'aws-cdk-lib/aws-ses';
import * as actions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { ActiveReceiptRuleSet } from './active-receipt-rule-set.js';
import { KompisFunction, type KompisSettings } from './kompis-function.js';

/** Where in the bucket SES puts each message (key = prefix + SES message id), and where the function reads it. */
export const INBOUND_PREFIX = 'inbound/';

/** How long raw mail is kept: long enough to look into or replay a failed message, not longer (it is personal data). */
export const RAW_MAIL_DAYS = 30;

export interface KompisInboundMailProps extends KompisSettings {
  /**
   * Make the rule set the region's active one on deploy. Off by default: a region has only one active rule
   * set, so activating ours replaces whatever receives mail there now — the operator's call, not the stack's.
   */
  readonly activateRuleSet?: boolean;
}

/**
 * SES receipt for `inboundDomain`. Mail only arrives once the operator has (see the stack outputs):
 * - verified the domain in SES (TODO(issue 7): an EmailIdentity here),
 * - created its MX record, pointing at SES's inbound endpoint in this region,
 * - made the rule set active, unless `activateRuleSet` did: CloudFormation alone cannot.
 */
export class KompisInboundMail extends Construct {
  readonly bucket: Bucket;
  readonly handler: KompisFunction;
  readonly ruleSet: ReceiptRuleSet;
  readonly rule: ReceiptRule;

  constructor(scope: Construct, id: string, props: KompisInboundMailProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'RawMail', {
      // SSE-S3 rather than KMS: SES's S3 action writes to it with no key policy, and readers need no kms:Decrypt.
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'ExpireRawMail', expiration: Duration.days(RAW_MAIL_DAYS) }],
      // Mail may still be wanted after a stack delete; it expires on its own anyway.
      removalPolicy: RemovalPolicy.RETAIN,
      // No server access logs yet: they need a bucket of their own, and only SES and one function touch this one.
      // cdk-nag's AwsSolutions-S1 will ask for them: add a log bucket then (issue 7), or suppress it with a reason.
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
      environment: { KOMPIS_INBOUND_BUCKET: this.bucket.bucketName, KOMPIS_INBOUND_PREFIX: INBOUND_PREFIX },
    })
      .configure(props)
      .grantTableReadWrite(props.table)
      .grantSendEmail();
    // GetObject alone, not bucket.grantRead(): the function reads one key it is told, it never lists.
    this.handler.addToRolePolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)] }));
    // The Lambda action adds a permission by this id unless one exists; ours names the rule set as well as the account.
    this.handler.addPermission('AllowSes', { principal: ses, sourceAccount: Stack.of(this).account, sourceArn: rulesOfThisSet });

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
        // Asynchronous: SES need not wait, and Lambda retries a failed run (the message stays in S3 meanwhile).
        new actions.Lambda({ function: this.handler, invocationType: actions.LambdaInvocationType.EVENT }),
      ],
    });

    if (props.activateRuleSet) {
      // Only once the rule is in place, so no mail arrives at an empty active set and bounces.
      new ActiveReceiptRuleSet(this, 'Active', { ruleSet: this.ruleSet }).node.addDependency(this.rule);
    }
  }
}
