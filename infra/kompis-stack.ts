// The Kompis stack: wires table, secret, web API and weekly loop together and outputs what an operator needs.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { KompisHttpApi } from './constructs/http-api.js';
import { KompisTable } from './constructs/table.js';
import { KompisWeeklyLoop } from './constructs/weekly-loop.js';

const sendRateHint = "must be SES's maximum send rate in emails per second, e.g. -c maxSendRate=14";

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

    const settings = { table, signingSecret, fromAddress: context.fromAddress };
    this.web = new KompisHttpApi(this, 'Web', { ...settings, baseUrl: context.baseUrl });
    // The emails link to the same web the web function serves.
    this.weeklyLoop = new KompisWeeklyLoop(this, 'Weekly', { ...settings, baseUrl: this.web.baseUrl, maxSendRate: context.maxSendRate });

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
  }
}
