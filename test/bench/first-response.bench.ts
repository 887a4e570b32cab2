// What a person feels after clicking a check-in button: the built web bundle (split as the CDK builds it,
// source maps on, as Lambda runs it) answering GET /r/… from a fresh process — the time from process start to
// the first response, the import inside it — and then, warm, the p50/p99 of the same request. The page reads
// its goal from DynamoDB Local through the SDK's standard endpoint variable, as in test/artifacts.
//   npx tsx test/bench/first-response.bench.ts [--runs=N] [--json]
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { splitBundle } from '../../infra/constructs/split-bundle.js';
import { eventFixture } from '../helpers/events.js';
import { seedGoals, startLoadStack } from '../soak/harness.js';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const BASE_URL = 'https://kompis.example.com';
const WARM_REQUESTS = 300;

// The child: import the bundle, answer one event (cold), then the same event WARM_REQUESTS times.
const CHILD = `const [bundle, eventFile, warm] = process.argv.slice(-3);
const event = JSON.parse(await (await import('node:fs/promises')).readFile(eventFile, 'utf8'));
const context = { awsRequestId: 'bench', functionName: 'Kompis-Http', getRemainingTimeInMillis: () => 15000 };
const importStart = performance.now();
const { handler } = await import(bundle);
const importMs = performance.now() - importStart;
const first = await handler(event, context);
const firstResponseMs = performance.now();
const warmMs = [];
for (let i = 0; i < Number(warm); i++) { const t = performance.now(); await handler(event, context); warmMs.push(performance.now() - t); }
process.stdout.write(JSON.stringify({ firstResponseMs, importMs, status: first.statusCode, warmMs }));
process.exit(0);
`;

/** The reference: bare Hono on hono/aws-lambda doing the landing page's one read (the project's store, config and client). */
const REFERENCE = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from './functions/config.js';
import { createStore } from './functions/store.js';
const store = createStore(loadConfig(process.env));
const app = new Hono().get('/r/:token', async (c) => {
  const goal = await store.getGoal(process.env.BENCH_OWNER, process.env.BENCH_GOAL);
  return goal ? c.html('<p>' + goal.text.length + '</p>') : c.notFound();
});
export const handler = handle(app);
`;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function benchFirstResponse(options: { runs?: number; log?: (s: string) => void } = {}) {
  const runs = options.runs ?? 10;
  const log = options.log ?? (() => {});
  const dir = await mkdtemp(join(tmpdir(), 'kompis-first-response-'));
  const stack = await startLoadStack(`bench-first-${randomUUID().slice(0, 8)}`);
  try {
    const [seeded] = await seedGoals(stack, BASE_URL, 1);
    const built = await splitBundle('functions/http/lambda.ts', join(dir, 'http'), projectRoot);
    const bundle = pathToFileURL(join(dir, 'http', 'index.mjs')).href;
    const referenceEntry = join(projectRoot, `.first-response-reference-${process.pid}.ts`);
    await writeFile(referenceEntry, REFERENCE);
    try {
      await splitBundle(referenceEntry, join(dir, 'reference'), projectRoot);
    } finally {
      await rm(referenceEntry, { force: true });
    }
    const referenceBundle = pathToFileURL(join(dir, 'reference', 'index.mjs')).href;
    const eventFile = join(dir, 'event.json');
    const [path, query = ''] = seeded!.recordPath.split('?');
    const host = 'k0mp1s7e57.execute-api.eu-north-1.amazonaws.com';
    await writeFile(
      eventFile,
      JSON.stringify(
        eventFixture('apigw-http/request', {
          method: 'GET', path, query, host, apiId: 'k0mp1s7e57', origin: `https://${host}`, fetchSite: 'none', acceptLanguage: 'nb-NO,nb;q=0.9',
          contentType: 'text/plain', contentLength: '0', body: '', sourceIp: '198.51.100.7', requestId: randomUUID(),
        }),
      ),
    );
    const child = join(dir, 'child.mjs');
    await writeFile(child, CHILD);
    const env = {
      PATH: process.env.PATH ?? '',
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_DYNAMODB: stack.dynamodbEndpoint,
      KOMPIS_SECRET: stack.env.KOMPIS_SECRET,
      KOMPIS_TABLE: stack.env.KOMPIS_TABLE,
      KOMPIS_BASE_URL: BASE_URL,
      KOMPIS_FROM: 'Kompis <coach@kompis.example.com>',
      KOMPIS_INBOUND_DOMAIN: 'in.kompis.example.com',
      NODE_OPTIONS: '--enable-source-maps',
      BENCH_OWNER: seeded!.goal.owner,
      BENCH_GOAL: seeded!.goal.id,
    };
    const once = async (warm: number, file = bundle) => {
      const { stdout } = await run(process.execPath, [child, file, eventFile, String(warm)], { env, cwd: dir, timeout: 120_000 });
      return JSON.parse(stdout) as { firstResponseMs: number; importMs: number; status: number; warmMs: number[] };
    };
    await once(0); // file cache and DynamoDB Local's first queries
    await once(0, referenceBundle);
    const cold = [];
    const referenceCold = [];
    for (let i = 0; i < runs; i++) {
      cold.push(await once(0));
      referenceCold.push(await once(0, referenceBundle));
    }
    const warm = await once(WARM_REQUESTS);
    const referenceWarm = await once(WARM_REQUESTS, referenceBundle);
    const statuses = [...new Set([...cold, warm, ...referenceCold, referenceWarm].map((r) => r.status))];
    const median = (xs: { firstResponseMs: number }[]) => percentile(xs.map((r) => r.firstResponseMs), 50);
    const result = {
      request: 'GET /r/:token (the check-in button), its goal read from DynamoDB Local',
      runs,
      entryBytes: built.metafile!.outputs[Object.keys(built.metafile!.outputs).find((k) => k.endsWith('/index.mjs'))!]!.bytes,
      firstResponseMs: { p50: round1(percentile(cold.map((r) => r.firstResponseMs), 50)), min: round1(Math.min(...cold.map((r) => r.firstResponseMs))), max: round1(Math.max(...cold.map((r) => r.firstResponseMs))) },
      importMs: { p50: round1(percentile(cold.map((r) => r.importMs), 50)) },
      warmMs: { requests: WARM_REQUESTS, p50: round1(percentile(warm.warmMs, 50)), p99: round1(percentile(warm.warmMs, 99)) },
      reference: {
        what: 'bare Hono on hono/aws-lambda doing the same one getGoal, bundled and run the same way',
        firstResponseMs: round1(median(referenceCold)),
        importMs: round1(percentile(referenceCold.map((r) => r.importMs), 50)),
        warmMs: { p50: round1(percentile(referenceWarm.warmMs, 50)), p99: round1(percentile(referenceWarm.warmMs, 99)) },
      },
      firstResponseRatio: Math.round((median(cold) / median(referenceCold)) * 100) / 100,
      statuses,
      clean: statuses.length === 1 && statuses[0] === 200,
    };
    log(
      `  GET /r/…: first response ${result.firstResponseMs.p50} ms after process start (median of ${runs}; import ${result.importMs.p50} ms), ` +
        `warm p50 ${result.warmMs.p50} ms, p99 ${result.warmMs.p99} ms over ${WARM_REQUESTS}; status ${statuses.join(', ')}`,
    );
    log(
      `  bare Hono doing the same read: first response ${result.reference.firstResponseMs} ms (import ${result.reference.importMs} ms), warm p50 ${result.reference.warmMs.p50} ms, ` +
        `p99 ${result.reference.warmMs.p99} ms → first response ${result.firstResponseRatio}× the reference`,
    );
    return result;
  } finally {
    await stack.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.includes('--json');
  const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
  const runsArg = process.argv.find((a) => a.startsWith('--runs='));
  log('first response: the built web bundle, a fresh process per sample, GET /r/…');
  const result = await benchFirstResponse({ log, ...(runsArg ? { runs: Number(runsArg.slice('--runs='.length)) } : {}) });
  if (json) console.log(JSON.stringify(result, null, 2));
}
