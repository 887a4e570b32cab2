// KompisFunction: every Kompis Lambda, with the project's runtime, bundling and logging defaults.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type NodejsFunctionProps } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The repository root: entries, package-lock.json and templates/ are found from here. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface KompisFunctionProps
  extends Pick<NodejsFunctionProps, 'description' | 'environment' | 'memorySize' | 'timeout' | 'reservedConcurrentExecutions'> {
  /** Handler module, relative to the project root, e.g. `functions/http/lambda.ts`; it exports `handler`. */
  readonly entry: string;
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
 * Use {@link KompisFunction.grantTable} to give it the table.
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

  /** Read/write access to the table and its name in `KOMPIS_TABLE` — one call, so neither is forgotten. */
  grantTable(table: ITableV2): this {
    table.grantReadWriteData(this);
    this.addEnvironment('KOMPIS_TABLE', table.tableName);
    return this;
  }
}
