// KompisFunction: every Kompis Lambda, with the project's runtime, bundling and logging defaults.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

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
  /** `KOMPIS_SECRET`: the token signing keys. */
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
 * - Node.js 22 on ARM64 (Graviton: cheaper per GB-second, and our code has no native modules).
 * - One minified ESM bundle (`index.mjs`) with source maps, read at run time via `--enable-source-maps`.
 * - The AWS SDK v3 clients are bundled, not taken from the runtime, so the version we test is the one that runs.
 * - The MJML templates are compiled (`templates/build.ts`) before every bundle; the bundle itself
 *   only holds the compiled HTML, never mjml.
 * - Its own log group, kept one month.
 * - 512 MB (more memory is also more CPU, which shortens cold starts) and a 15 s timeout, well
 *   under API Gateway's 30 s limit.
 *
 * Give it its configuration with {@link KompisFunction.configure}, then only the grants it needs.
 */
export class KompisFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: KompisFunctionProps) {
    // A sibling of the function rather than a child: the function does not exist before super().
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    super(scope, id, {
      description: props.description,
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      environment: {
        // Stack traces point at the TypeScript source, not at the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        // Prefer a package's ESM build ("module") over its CJS one: the SDK's ESM builds tree-shake far better.
        mainFields: ['module', 'main'],
        // Some dependencies are CommonJS and call require(), which an ES module does not have: give it one.
        banner: "import { createRequire as kompisCreateRequire } from 'node:module'; const require = kompisCreateRequire(import.meta.url);",
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
          afterBundling: () => [],
          beforeInstall: () => [],
        },
      },
    });
  }

  /** Sets the configuration every function shares, so all of them read the same table, keys and URLs. */
  configure(settings: KompisSettings): this {
    this.addEnvironment('KOMPIS_TABLE', settings.table.tableName);
    this.addEnvironment('KOMPIS_BASE_URL', settings.baseUrl);
    this.addEnvironment('KOMPIS_FROM', settings.fromAddress);
    this.addEnvironment('KOMPIS_INBOUND_DOMAIN', settings.inboundDomain);
    // TODO(issue 7): read the secret from Secrets Manager at cold start instead. The template holds only a
    // {{resolve:secretsmanager:…}} reference, but CloudFormation resolves it at deploy, so the value sits in
    // plain text in the function's configuration, readable by anyone allowed lambda:GetFunctionConfiguration.
    this.addEnvironment('KOMPIS_SECRET', settings.signingSecret.secretValue.unsafeUnwrap());
    return this;
  }

  /** Read/write access to the table's items and indexes (not to the table itself). */
  grantTableReadWrite(table: ITableV2): this {
    table.grants.readWriteData(this);
    return this;
  }

  /** Permission to send email through SES. */
  grantSendEmail(): this {
    // TODO(issue 7): narrow to the verified identity and the configuration set once the email construct exists.
    this.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: ['*'] }));
    return this;
  }
}
