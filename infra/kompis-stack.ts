// The Kompis stack: wires table, secret, web API, weekly loop and email in together and outputs what an operator needs.
import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { KompisHttpApi } from './constructs/http-api.js';
import { KompisInboundMail, RAW_MAIL_DAYS } from './constructs/inbound-mail.js';
import { KompisTable } from './constructs/table.js';
import { KompisWeeklyLoop } from './constructs/weekly-loop.js';

const sendRateHint = "must be SES's maximum send rate in emails per second, e.g. -c maxSendRate=14";
const inboundDomainHint = 'must be the domain that receives replies, e.g. -c inboundDomain=in.kompis.example.com';
// Labels of letters, digits and inner hyphens, at least two of them: a subset of what functions/config.ts accepts.
const domainName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Context the operator may set in cdk.json or with `-c key=value`. */
const contextSchema = z.object({
  baseUrl: z.url({ error: 'must be the public base URL, e.g. -c baseUrl=https://kompis.example.com' }).optional(),
  fromAddress: z.string().min(3, { error: 'must be the From address, e.g. -c "fromAddress=Kompis <coach@example.com>"' }).default('Kompis <coach@example.com>'),
  // Coerced: `-c maxSendRate=20` arrives as a string, cdk.json gives a number. 14 is SES's usual production quota.
  maxSendRate: z.coerce
    .number({ error: sendRateHint })
    .positive({ error: sendRateHint })
    .max(2000, { error: 'must be at most 2000 emails per second' })
    .default(14),
  // Lower-cased like functions/config.ts does, so the receipt rule and every function name the same domain.
  inboundDomain: z
    .string({ error: inboundDomainHint })
    .regex(domainName, { error: inboundDomainHint })
    .transform((domain) => domain.toLowerCase())
    .default('in.kompis.example.com'),
  // `-c activateRuleSet=true` arrives as a string, cdk.json gives a boolean.
  activateRuleSet: z
    .union([z.boolean(), z.stringbool()], { error: 'must be true or false, e.g. -c activateRuleSet=true' })
    .default(false),
});
export type KompisContext = z.infer<typeof contextSchema>;

/** Reads and checks the context once; bad values stop the synth with every problem listed. */
export function readKompisContext(scope: Construct): KompisContext {
  const raw = Object.fromEntries(Object.keys(contextSchema.shape).map((key) => [key, scope.node.tryGetContext(key)]));
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Kompis CDK context is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export class KompisStack extends Stack {
  readonly table: TableV2;
  readonly web: KompisHttpApi;
  readonly weeklyLoop: KompisWeeklyLoop;
  readonly inboundMail: KompisInboundMail;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const context = readKompisContext(this);

    const { table } = new KompisTable(this, 'Data');
    this.table = table;

    const signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Kompis token signing key (KOMPIS_SECRET)',
      // Letters and digits only: functions/config.ts reads "id:secret,…", so ':' and ',' must not occur.
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
    });

    const settings = { table, signingSecret, fromAddress: context.fromAddress, inboundDomain: context.inboundDomain };
    this.web = new KompisHttpApi(this, 'Web', { ...settings, baseUrl: context.baseUrl });
    // The emails link to the same web the web function serves.
    this.weeklyLoop = new KompisWeeklyLoop(this, 'Weekly', { ...settings, baseUrl: this.web.baseUrl, maxSendRate: context.maxSendRate });
    this.inboundMail = new KompisInboundMail(this, 'Email', {
      ...settings,
      baseUrl: this.web.baseUrl,
      activateRuleSet: context.activateRuleSet,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.web.url, description: 'Open this (or point your domain at it)' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SendQueueUrl', { value: this.weeklyLoop.queue.queueUrl });
    new CfnOutput(this, 'SendDeadLetterQueueName', {
      value: this.weeklyLoop.deadLetterQueue.queueName,
      description: 'Emails that failed 5 times; redrive them to the send queue once the cause is fixed',
    });
    new CfnOutput(this, 'TickDeadLetterQueueName', {
      value: this.weeklyLoop.tickDeadLetterQueue.queueName,
      description: 'Schedule events that never reached the tick; nothing to redrive, the next tick catches up',
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
    new CfnOutput(this, 'InboundMxRecord', {
      // SES receives in a few regions only; a region without it has no such endpoint, and the record leads nowhere.
      value: `${context.inboundDomain} MX 10 inbound-smtp.${Aws.REGION}.amazonaws.com`,
      description: 'Create this DNS record, and verify the domain in SES, so that replies reach Kompis',
    });
  }
}
