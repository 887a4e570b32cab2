// Load machinery shared by the soak test (test/soak/run.ts) and the HTTP benchmark (test/bench/http.bench.ts):
// DynamoDB Local + local SES on free ports with a fresh table, real active goals made through the core
// (sign-up, confirm, the real tick and sender, recorded answers), the server in a child process
// (test/soak/server.ts) and autocannon, bounded and on 127.0.0.1, run from this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../../functions/config.js';
import type { Goal } from '../../functions/core/goal.js';
import type { Clock, Deps } from '../../functions/core/ports.js';
import type { LocalStack } from '../../functions/local/stack.js';
import type { FromServer, MemorySample, ServerMode, ToServer } from './server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const serverEntry = fileURLToPath(new URL('./server.ts', import.meta.url));
// The SDK's notice that it will want Node 22 in 2027, once per client, is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const SECRET = 'load:0123456789abcdef0123456789abcdef0123456789';

// ---------------------------------------------------------------------------------------------------
// The local stack and the goals
// ---------------------------------------------------------------------------------------------------

/** The app reads the compiled email templates (gitignored): build them once when a fresh checkout lacks them. */
async function ensureTemplates(): Promise<void> {
  if (existsSync(new URL('../../templates/compiled/emails.ts', import.meta.url))) return;
  const { buildTemplates } = await import('../../templates/build.js');
  await buildTemplates();
}

class SettableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

export interface LoadStack {
  config: AppConfig;
  /** The KOMPIS_* environment the server child needs, apart from PORT and KOMPIS_BASE_URL. */
  env: Record<string, string>;
  dynamodbEndpoint: string;
  stop(): Promise<void>;
}

export async function startLoadStack(tableName: string): Promise<LoadStack> {
  await ensureTemplates();
  const { freePort } = await import('../../functions/local/ports.js');
  const { startLocalStack } = await import('../../functions/local/stack.js');
  const { loadConfig } = await import('../../functions/config.js');
  const stack: LocalStack = await startLocalStack({ dynamoPort: await freePort(), sesPort: await freePort(), tableName });
  const env = {
    KOMPIS_SECRET: SECRET,
    KOMPIS_TABLE: tableName,
    KOMPIS_DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
    KOMPIS_SES_ENDPOINT: stack.sesEndpoint,
    AWS_REGION: 'eu-north-1',
  };
  return { config: loadConfig(env), env, dynamodbEndpoint: stack.dynamodbEndpoint, stop: () => stack.stop() };
}

export interface SeededGoal {
  goal: Goal;
  /** The last week whose check-in has gone out; it is left unanswered, the weeks before it are answered. */
  openWeek: number;
  /** GET or POST: the check-in button "2" of openWeek, sent ten minutes ago. */
  recordPath: string;
  /** The goal page. */
  goalPath: string;
}

/**
 * `count` active goals, each four weeks old on the real clock, with every check-in up to now sent by the
 * real tick and sender and every week but the last answered. Links are minted for `baseUrl` at the real
 * time, for a server on the system clock.
 */
export async function seedGoals(stack: LoadStack, baseUrl: string, count: number): Promise<SeededGoal[]> {
  const { loadConfig } = await import('../../functions/config.js');
  const { createLocalDeps } = await import('../../functions/local/deps.js');
  const { signUp } = await import('../../functions/core/goals/sign-up.js');
  const { confirmGoal } = await import('../../functions/core/goals/confirm.js');
  const { signupFormSchema } = await import('../../functions/core/forms/signup-form.js');
  const { recordAnswer } = await import('../../functions/core/weekly/record.js');
  const { closedWeeks } = await import('../../functions/core/progress/progress.js');
  const { goalPagePath, recordUrl } = await import('../../functions/core/links/links.js');
  const { runWeekly } = await import('../../functions/local/weekly-run.js');
  const { aSignupForm } = await import('../helpers/factories.js');

  const realNow = new Date();
  const clock = new SettableClock(new Date(realNow.getTime() - 29 * 24 * 3600_000));
  // Seeding many goals at example.com within the hour: not what the hourly ceilings are for.
  const config = loadConfig({ ...stack.env, KOMPIS_BASE_URL: baseUrl, KOMPIS_CONFIRMATIONS_PER_HOUR: '1000000', KOMPIS_PER_DOMAIN_PER_HOUR: '1000000' });
  const deps: Deps = createLocalDeps(config, clock);

  const ids: { owner: string; goalId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const form = signupFormSchema.parse(aSignupForm({ locale: 'en', perWeek: '2', weeks: '13', goal: 'Meet at least 2 finance decision makers every week this quarter' }));
    const pending = await signUp(deps, form);
    const { goal } = await confirmGoal(deps, { owner: pending.owner, goalId: pending.id });
    ids.push({ owner: goal.owner, goalId: goal.id });
  }
  // Every check-in due up to an hour ago, through the real tick → queue → send (into the local SES).
  const quiet = console.error;
  console.error = () => {}; // runWeekly logs every send as a JSON line
  try {
    for (;;) {
      const first = (await deps.store.getGoal(ids[0]!.owner, ids[0]!.goalId))!;
      if (!first.nextCheckinAt || new Date(first.nextCheckinAt).getTime() > realNow.getTime() - 3600_000) break;
      await runWeekly(deps, new Date(first.nextCheckinAt), 1000);
    }
  } finally {
    console.error = quiet;
  }
  const seeded: SeededGoal[] = [];
  for (const [i, ref] of ids.entries()) {
    let goal = (await deps.store.getGoal(ref.owner, ref.goalId))!;
    const openWeek = closedWeeks(goal);
    if (openWeek < 2) throw new Error(`seeding: goal ${goal.id} has ${openWeek} check-in(s) out, expected at least 2`);
    for (let week = 1; week < openWeek; week++) {
      clock.set(new Date(realNow.getTime() - (openWeek - week) * 7 * 24 * 3600_000));
      await recordAnswer(deps, goal, week, { count: (week + i) % 4, source: 'click' });
    }
    goal = (await deps.store.getGoal(ref.owner, ref.goalId))!;
    const sentAt = new Date(realNow.getTime() - 10 * 60_000);
    seeded.push({
      goal,
      openWeek,
      recordPath: new URL(recordUrl(config, goal, openWeek, 2, sentAt)).pathname,
      goalPath: goalPagePath(config, goal, realNow),
    });
  }
  (deps.store as unknown as { db?: { destroy?: () => void } }).db?.destroy?.();
  return seeded;
}

/** The week answers of a goal, read straight from the table (after the load, to see that POSTs recorded). */
export async function weekAnswers(stack: LoadStack, goalId: string) {
  const { createStore } = await import('../../functions/store.js');
  const store = createStore(stack.config);
  try {
    return await store.getWeekAnswers(goalId);
  } finally {
    (store as unknown as { db?: { destroy?: () => void } }).db?.destroy?.();
  }
}

// ---------------------------------------------------------------------------------------------------
// The server child
// ---------------------------------------------------------------------------------------------------

export interface ServerOptions {
  mode: ServerMode;
  port: number;
  /** The environment of the app (KOMPIS_*); KOMPIS_BASE_URL is set to the server's own URL. */
  env?: Record<string, string>;
  /** Run with --expose-gc so memory() can force a full collection first. */
  exposeGc?: boolean;
  /** Write a V8 CPU profile of the server into this folder when it stops. */
  cpuProfDir?: string;
  /** Pin the server to these CPUs (taskset -c), e.g. "1". */
  cpus?: string;
}

export interface ServerChild {
  url: string;
  pid: number;
  memory(gc: boolean): Promise<MemorySample>;
  /** CPU seconds (user + system) the server process has used so far, from /proc. */
  cpuSeconds(): Promise<number | undefined>;
  /** What the server printed (stdout and stderr), the last 200 lines. */
  output(): string[];
  /** Lines the app logged as failed requests (app.tsx onError). */
  failedRequests(): number;
  stop(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<ServerChild> {
  const nodeArgs = ['--import', 'tsx', ...(options.exposeGc ? ['--expose-gc'] : []), ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [])];
  const command = options.cpus ? 'taskset' : process.execPath;
  const args = [...(options.cpus ? ['-c', options.cpus, process.execPath] : []), ...nodeArgs, serverEntry, options.mode];
  const url = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
      KOMPIS_BASE_URL: url,
      PORT: String(options.port),
    },
  });
  const lines: string[] = [];
  let failed = 0;
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      if (line.includes('"request failed"')) failed++;
      lines.push(line);
      if (lines.length > 200) lines.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const pending = new Map<number, (m: MemorySample) => void>();
  let nextId = 1;
  const ready = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server (${options.mode}) did not start in 60 s:\n${lines.join('\n')}`)), 60_000);
    child.on('message', (message: FromServer) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`server (${options.mode}) failed: ${message.error}\n${lines.join('\n')}`));
      } else if (message.type === 'memory') {
        pending.get(message.id)?.(message.memory);
        pending.delete(message.id);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server (${options.mode}) exited with ${code}:\n${lines.join('\n')}`));
    });
  });
  let started: { url: string; pid: number };
  try {
    started = await ready;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (started.url !== url) throw new Error(`server listens on ${started.url}, expected ${url}`);
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

  return {
    url,
    pid: started.pid,
    memory: (gc) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        child.send({ type: 'memory', gc, id } satisfies ToServer);
      }),
    cpuSeconds: () => processCpuSeconds(started.pid),
    output: () => [...lines],
    failedRequests: () => failed,
    stop: async () => {
      if (child.exitCode === null && child.connected) child.send({ type: 'stop' } satisfies ToServer);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// CPU accounting, from /proc (Linux); undefined elsewhere
// ---------------------------------------------------------------------------------------------------

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
  } catch {
    return undefined;
  }
}

/** The pid of DynamoDB Local: the `java` child of this process listening on `endpoint`'s port. */
export async function dynamoLocalPid(endpoint: string): Promise<number | undefined> {
  const port = new URL(endpoint).port;
  try {
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
      if (!cmdline.startsWith('java') || !cmdline.includes('DynamoDbLocalLauncher')) continue;
      const args = cmdline.split('\0');
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && args[args.indexOf('-port') + 1] === port) return Number(entry);
    }
  } catch {
    // not Linux
  }
  return undefined;
}

export function machine() {
  return { cpus: cpus().length, node: process.version, loadAverage1m: Number(loadavg()[0]!.toFixed(2)) };
}

// ---------------------------------------------------------------------------------------------------
// autocannon
// ---------------------------------------------------------------------------------------------------

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '5xx': number;
  statusCodeStats: Record<string, { count: number }>;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeout?: number;
  requests?: { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }[];
}

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as (options: AutocannonOptions) => Promise<AutocannonResult>;

export interface Target {
  name: string;
  method: 'GET' | 'POST';
  /** One path, or several that every connection cycles through. */
  paths: string[];
  headers?: Record<string, string>;
  body?: string;
  /** The status every answer must have. */
  expectStatus: number;
}

export interface CannonSummary {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Requests completed over the run's duration. */
  perSecond: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  status5xx: number;
  statuses: Record<string, number>;
  unexpectedStatuses: number;
}

export async function cannon(baseUrl: string, target: Target, load: { connections: number; seconds: number }): Promise<CannonSummary> {
  const result = await autocannon({
    url: `${baseUrl}${target.paths[0]}`,
    connections: load.connections,
    duration: load.seconds,
    timeout: 10,
    requests: target.paths.map((path) => ({
      method: target.method,
      path,
      ...(target.headers ? { headers: target.headers } : {}),
      ...(target.body !== undefined ? { body: target.body } : {}),
    })),
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const total = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  const l = result.latency;
  return {
    name: target.name,
    connections: load.connections,
    seconds: result.duration,
    requests: total,
    perSecond: total / result.duration,
    latencyMs: { average: round(l.average), p50: l.p50, p90: l.p90, p99: l.p99, max: l.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    status5xx: result['5xx'],
    statuses,
    unexpectedStatuses: total - (statuses[String(target.expectStatus)] ?? 0),
  };
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Fetches `path` once as the load will, and fails unless the status is the expected one. */
export async function probe(baseUrl: string, target: Target, contains?: string): Promise<void> {
  for (const path of target.paths) {
    const response = await fetch(`${baseUrl}${path}`, {
      method: target.method,
      redirect: 'manual',
      ...(target.headers ? { headers: target.headers } : {}),
      ...(target.body !== undefined ? { body: target.body } : {}),
    });
    const text = await response.text();
    if (response.status !== target.expectStatus) throw new Error(`${target.name}: ${target.method} ${path} answered ${response.status}, expected ${target.expectStatus}:\n${text.slice(0, 500)}`);
    if (contains && !text.includes(contains)) throw new Error(`${target.name}: ${target.method} ${path} does not contain "${contains}"`);
  }
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
