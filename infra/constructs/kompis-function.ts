// KompisFunction: every Kompis Lambda, with the project's runtime, bundling and logging defaults.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { tableKeys } from '../../functions/adapters/table-definition.js';
import type { EmailSender } from './outbound-mail.js';
import { MAIN_FIELDS, REQUIRE_BANNER } from './split-bundle.js';

/**
 * The item actions behind the commands functions/adapters/dynamo-store.ts sends (Get, Put, Update, Delete,
 * Query); test/infra checks the list still covers them. No Scan, no batch or stream reads, no table management.
 */
export const TABLE_DATA_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'];

/** The repository root: entries, package-lock.json and templates/ are found from here. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface KompisFunctionProps
  extends Pick<NodejsFunctionProps, 'description' | 'environment' | 'memorySize' | 'timeout' | 'reservedConcurrentExecutions'> {
  /** Handler module, relative to the project root, e.g. `functions/http/lambda.ts`; it exports `handler`. */
  readonly entry: string;
}

/** What every Kompis function reads at start (functions/config.ts); {@link KompisFunction.configure} sets it. */
export interface KompisSettings {
  /** `KOMPIS_TABLE`; access to it is granted separately, as each function needs. */
  readonly table: ITableV2;
  /** `KOMPIS_SECRET_ARN`: the token signing keys, read from Secrets Manager at cold start (functions/config.ts). */
  readonly signingSecret: ISecret;
  /** `KOMPIS_BASE_URL`: the public base URL put into links. */
  readonly baseUrl: string;
  /** `KOMPIS_FROM`: the From header of every email, e.g. `Kompis <coach@example.com>`. */
  readonly fromAddress: string;
  /** `KOMPIS_INBOUND_DOMAIN`: where replies go; the web and send functions mint reply addresses at it, inbound reads them. */
  readonly inboundDomain: string;
}

/**
 * A Node.js Lambda with the Kompis defaults, so every function is built and run the same way:
 *
 * - Node.js 24 on ARM64 (Graviton: cheaper per GB-second, and our code has no native modules). Node 22 on Lambda
 *   reaches end of life in April 2027; test/artifacts runs every bundle on the Node 24 the runtime uses.
 * - One minified ESM bundle (`index.mjs`) with source maps, read at run time via `--enable-source-maps`, and a
 *   chunk (`chunks/*.mjs`) per `import()`, loaded when first needed (split-bundle.ts).
 * - The AWS SDK v3 clients are bundled, not taken from the runtime, so the version we test is the one that runs.
 * - The MJML templates are compiled (`templates/build.ts`) before every bundle; the bundle itself
 *   only holds the compiled HTML, never mjml.
 * - Its own log group, `/aws/lambda/<stack>-<id>`, kept one month, and a role that may write to that group
 *   alone (no AWS managed policy, whose CreateLogGroup and PutLogEvents reach every log group in the account).
 * - 512 MB (more memory is also more CPU, which shortens cold starts) and a 15 s timeout, well
 *   under API Gateway's 30 s limit.
 *
 * Give it its configuration with {@link KompisFunction.configure}, then only the grants it needs.
 */
export class KompisFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: KompisFunctionProps) {
    // Siblings of the function rather than children: the function does not exist before super().
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      // Named, so `aws logs tail /aws/lambda/Kompis-Send` works without looking the name up first.
      logGroupName: `/aws/lambda/${Stack.of(scope).stackName}-${id}`,
      retention: RetentionDays.ONE_MONTH,
      // A named group left behind would stop the next deploy of the same stack from creating it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      description: props.description,
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      role,
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      environment: {
        // Stack traces point at the TypeScript source, not at the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: MAIN_FIELDS,
        banner: REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        // Mappings are enough for stack traces; the sources themselves would only make the zip larger.
        sourcesContent: false,
        // Bundle everything, the SDK v3 clients included: the runtime's own SDK version is not pinned
        // and may differ from the one our tests ran against.
        externalModules: [],
        // mjml needs no exclusion: only templates/build.ts imports it, and no Lambda entry imports that.
        commandHooks: {
          // render.ts imports templates/compiled/emails.ts, which this build writes (it is git-ignored).
          beforeBundling: (inputDir: string) => [`cd "${inputDir}" && npx tsx templates/build.ts`],
          // Bundled again with code splitting (esbuild refuses it with NodejsFunction's --outfile).
          afterBundling: (inputDir: string, outputDir: string) => [
            `cd "${inputDir}" && npx tsx infra/constructs/split-bundle.ts "${props.entry}" "${outputDir}"`,
          ],
          beforeInstall: () => [],
        },
      },
    });
  }

  /**
   * Sets the configuration every function shares, so all of them read the same table, keys and URLs, and lets
   * the function read the signing secret, which every entry does at cold start.
   */
  configure(settings: KompisSettings): this {
    this.addEnvironment('KOMPIS_TABLE', settings.table.tableName);
    this.addEnvironment('KOMPIS_BASE_URL', settings.baseUrl);
    this.addEnvironment('KOMPIS_FROM', settings.fromAddress);
    this.addEnvironment('KOMPIS_INBOUND_DOMAIN', settings.inboundDomain);
    // The ARN, never the value: a value in the environment is plain text to anyone allowed
    // lambda:GetFunctionConfiguration, and a rotated key would only arrive with the next deploy.
    this.addEnvironment('KOMPIS_SECRET_ARN', settings.signingSecret.secretArn);
    settings.signingSecret.grantRead(this);
    return this;
  }

  /** Read/write access to the table's items and its due index, by the commands the store sends (not to the table itself). */
  grantTableReadWrite(table: ITableV2): this {
    this.addToRolePolicy(
      new PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [table.tableArn, `${table.tableArn}/index/${tableKeys.dueIndex.name}`] }),
    );
    return this;
  }

  /**
   * Permission to send raw email from the sender's identity through its configuration set, and the set's name in
   * `KOMPIS_SES_CONFIGURATION_SET` for the mailer to name. Both at once: SES checks the send against the identity
   * and, when a set is named, against the set too, so one without the other would be refused.
   */
  grantSendEmail(sender: EmailSender): this {
    this.addEnvironment('KOMPIS_SES_CONFIGURATION_SET', sender.configurationSetName);
    this.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: [sender.identityArn, sender.configurationSetArn, ...sender.sandboxRecipientArns] }),
    );
    return this;
  }
}
