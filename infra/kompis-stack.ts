// The Kompis stack: wires table, secret and web API together and outputs what an operator needs.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { z } from 'zod';
import { KompisHttpApi } from './constructs/http-api.js';
import { KompisTable } from './constructs/table.js';

/** Context the operator may set in cdk.json or with `-c key=value`. */
const contextSchema = z.object({
  baseUrl: z.url({ error: 'must be the public base URL, e.g. -c baseUrl=https://kompis.example.com' }).optional(),
  fromAddress: z.string().min(3, { error: 'must be the From address, e.g. -c "fromAddress=Kompis <coach@example.com>"' }).default('Kompis <coach@example.com>'),
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
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const context = readKompisContext(this);

    const { table } = new KompisTable(this, 'Data');

    const signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Kompis token signing key (KOMPIS_SECRET)',
      // Letters and digits only: functions/config.ts reads "id:secret,…", so ':' and ',' must not occur.
      generateSecretString: { excludePunctuation: true, passwordLength: 64 },
    });

    const web = new KompisHttpApi(this, 'Web', {
      table,
      signingSecret,
      baseUrl: context.baseUrl,
      fromAddress: context.fromAddress,
    });

    new CfnOutput(this, 'ApiUrl', { value: web.url, description: 'Open this (or point your domain at it)' });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
