// One built function from cdk.out, run as Lambda runs it: its asset copied alone into a task root of its own
// (no node_modules beside it, nothing of the repository around it), the template's Handler, Runtime, memory and
// environment, Lambda's own variables, and the Node of that runtime (test/helpers/lambda-runtime.mjs).
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A Lambda function as the synthesized template describes it. */
export interface FunctionArtifact {
  logicalId: string;
  handler: string;
  runtime: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The bundle's folder in cdk.out. */
  assetDir: string;
  /** The template's Environment.Variables, CloudFormation values unresolved. */
  environment: Record<string, unknown>;
}

interface TemplateFunction {
  Type: string;
  Properties: {
    Handler: string;
    Runtime: string;
    MemorySize?: number;
    Timeout?: number;
    Code: { S3Key?: unknown };
    Environment?: { Variables: Record<string, unknown> };
  };
}

/**
 * Reads a function of the synthesized stack: its settings, and where cdk.out holds its bundle — found as
 * `cdk deploy` finds it, through the asset manifest entry whose hash names the zip the template points at.
 */
export function functionArtifact(cdkOut: string, stackName: string, logicalId: string): FunctionArtifact {
  const template = JSON.parse(readFileSync(join(cdkOut, `${stackName}.template.json`), 'utf8')) as { Resources: Record<string, TemplateFunction> };
  const assets = JSON.parse(readFileSync(join(cdkOut, `${stackName}.assets.json`), 'utf8')) as { files: Record<string, { source: { path: string } }> };
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::Lambda::Function') throw new Error(`${logicalId} is not a Lambda function of the template`);
  const { Handler, Runtime, MemorySize, Timeout, Environment, Code } = resource.Properties;
  const hash = typeof Code.S3Key === 'string' ? Code.S3Key.replace(/\.zip$/, '') : '';
  const asset = assets.files[hash];
  if (!asset) throw new Error(`${logicalId}'s code (${JSON.stringify(Code.S3Key)}) is no file asset of ${cdkOut}`);
  return {
    logicalId,
    handler: Handler,
    runtime: Runtime,
    memorySize: MemorySize ?? 128,
    timeoutSeconds: Timeout ?? 3,
    assetDir: join(cdkOut, asset.source.path),
    environment: Environment?.Variables ?? {},
  };
}

export interface InvokeOutcome {
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
  /** What the function wrote to stdout and stderr (its log lines) during this invocation. */
  logs: string[];
}

type RuntimeMessage =
  | { type: 'ready'; node: string }
  | { type: 'init-error'; error: { name: string; message: string; stack?: string } }
  | { type: 'result'; id: string; result: unknown }
  | { type: 'error'; id: string; error: { name: string; message: string; stack?: string } };

const runtimeScript = fileURLToPath(new URL('./lambda-runtime.mjs', import.meta.url));

export class LambdaSandbox {
  private readonly logs: string[] = [];
  private readonly waiting = new Map<string, { resolve: (message: RuntimeMessage) => void; reject: (error: Error) => void }>();

  private constructor(
    readonly artifact: FunctionArtifact,
    readonly name: string,
    readonly taskRoot: string,
    private readonly child: ChildProcess,
    readonly node: string,
  ) {}

  /**
   * Copies the bundle into a fresh task root and imports it there (the cold start). Throws with the runtime's
   * message if the bundle cannot be imported, as Lambda's Runtime.ImportModuleError would.
   */
  static async start(artifact: FunctionArtifact, options: { name: string; node: string; env: Record<string, string> }): Promise<LambdaSandbox> {
    const taskRoot = mkdtempSync(join(tmpdir(), `kompis-lambda-${options.name}-`));
    cpSync(artifact.assetDir, taskRoot, { recursive: true });
    const env: Record<string, string> = {
      ...options.env,
      _HANDLER: artifact.handler,
      LAMBDA_TASK_ROOT: taskRoot,
      LAMBDA_RUNTIME_DIR: '/var/runtime',
      AWS_EXECUTION_ENV: `AWS_Lambda_${artifact.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: options.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(artifact.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.name}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `2026/11/30/[$LATEST]${randomUUID().replaceAll('-', '')}`,
      // Lambda's own: modules outside the bundle would come from here, which holds nothing of ours.
      NODE_PATH: '/opt/nodejs/node_modules',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
      PATH: '/usr/local/bin:/usr/bin/:/bin',
    };
    const child = fork(runtimeScript, [], { execPath: options.node, execArgv: [], cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const first = await new Promise<RuntimeMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as RuntimeMessage));
      child.once('exit', (code) => reject(new Error(`${options.name} exited with ${code} before it was ready`)));
    });
    if (first.type !== 'ready') {
      child.kill();
      rmSync(taskRoot, { recursive: true, force: true });
      throw new Error(`${options.name} could not start: ${first.type === 'init-error' ? first.error.message : first.type}`);
    }
    const sandbox = new LambdaSandbox(artifact, options.name, taskRoot, child, first.node);
    sandbox.listen();
    return sandbox;
  }

  private listen(): void {
    for (const stream of [this.child.stdout, this.child.stderr]) {
      let rest = '';
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop()!;
        this.logs.push(...lines.filter((line) => line.trim()));
      });
    }
    this.child.on('message', (message: RuntimeMessage) => {
      if ('id' in message) this.waiting.get(message.id)?.resolve(message);
    });
    this.child.on('exit', (code) => {
      for (const { reject } of this.waiting.values()) reject(new Error(`${this.name} died (exit ${code}) during an invocation`));
    });
  }

  /** One invocation, as Lambda's synchronous Invoke would run it; the outcome and the log lines it wrote. */
  async invoke(event: unknown): Promise<InvokeOutcome> {
    const id = randomUUID();
    const from = this.logs.length;
    const message = await new Promise<RuntimeMessage>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ id, event, timeoutMs: this.artifact.timeoutSeconds * 1000 });
    });
    this.waiting.delete(id);
    // The log lines travel on pipes, the outcome on the IPC channel: let the pipes catch up before slicing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logs = this.logs.slice(from);
    return message.type === 'result' ? { result: message.result, logs } : { error: (message as { error: InvokeOutcome['error'] }).error, logs };
  }

  stop(): void {
    this.child.kill();
    rmSync(this.taskRoot, { recursive: true, force: true });
  }
}
