// Cold start: every Lambda entry bundled as infra/constructs/kompis-function.ts has the CDK bundle it, its
// size and the median time to import it in a fresh `node` process, against a reference bundle of bare Hono
// plus the SDK clients that function builds, made with the same options. Runs alone too:
//   npx tsx test/bench/coldstart.bench.ts [--json] [--runs=N]
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, version as esbuildVersion, type Metafile } from 'esbuild';
import { splitBundleOptions } from '../../infra/constructs/split-bundle.js';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

type Client = 'dynamodb' | 'ses' | 'sqs' | 's3';

/** The entries infra/ deploys (http-api.ts, weekly-loop.ts, inbound-mail.ts, email-feedback.ts) and the clients each builds at start. */
const FUNCTIONS: { name: string; entry: string; clients: Client[]; honoLambda?: boolean; env?: Record<string, string> }[] = [
  { name: 'http', entry: 'functions/http/lambda.ts', clients: ['dynamodb', 'ses'], honoLambda: true },
  { name: 'tick', entry: 'functions/tick/handler.ts', clients: ['dynamodb', 'sqs'], env: { KOMPIS_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/bench' } },
  { name: 'send', entry: 'functions/send/handler.ts', clients: ['dynamodb', 'ses'] },
  { name: 'inbound', entry: 'functions/inbound/handler.ts', clients: ['dynamodb', 'ses', 's3'], env: { KOMPIS_INBOUND_BUCKET: 'bench-bucket', KOMPIS_INBOUND_PREFIX: 'in/' } },
  { name: 'feedback', entry: 'functions/feedback/handler.ts', clients: ['dynamodb'] },
];

const TARGET = 1.3;

/** A cold start's module work: bare Hono, each SDK client built once, and the signing secret read the way config.ts does. */
function referenceSource(clients: Client[], honoLambda: boolean): string {
  const lines = ["import { Hono } from 'hono';"];
  if (honoLambda) lines.push("import { handle } from 'hono/aws-lambda';");
  if (clients.includes('dynamodb')) {
    lines.push("import { DynamoDBClient } from '@aws-sdk/client-dynamodb';", "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';");
  }
  if (clients.includes('ses')) lines.push("import { SESClient } from '@aws-sdk/client-ses';");
  if (clients.includes('sqs')) lines.push("import { SQSClient } from '@aws-sdk/client-sqs';");
  if (clients.includes('s3')) lines.push("import { S3Client } from '@aws-sdk/client-s3';");
  lines.push(
    'const region = process.env.AWS_REGION;',
    // As functions/config.ts withSecret: the Secrets Manager client is bundled, and only built when the ARN is the source.
    "if (!process.env.KOMPIS_SECRET) { const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager'); new SecretsManagerClient({ region }); }",
    'export const clients = [];',
  );
  if (clients.includes('dynamodb')) lines.push('clients.push(DynamoDBDocumentClient.from(new DynamoDBClient({ region })));');
  if (clients.includes('ses')) lines.push('clients.push(new SESClient({ region }));');
  if (clients.includes('sqs')) lines.push('clients.push(new SQSClient({ region }));');
  if (clients.includes('s3')) lines.push('clients.push(new S3Client({ region }));');
  lines.push("const app = new Hono().get('/', (c) => c.text(String(clients.length)));");
  lines.push(honoLambda ? 'export const handler = handle(app);' : 'export const handler = async () => app.fetch(new Request(\'http://x/\'));');
  return `${lines.join('\n')}\n`;
}

/** The outputs a cold import reads: the entry and the chunks it imports statically, transitively (not its import() chunks). */
function loadedAtImport(meta: Metafile): string[] {
  const entry = Object.keys(meta.outputs).find((name) => name.endsWith('/index.mjs'))!;
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length) {
    for (const imported of meta.outputs[queue.pop()!]!.imports) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

/** Bytes by package (node_modules/<pkg> or the project's own code) over some outputs of a metafile. */
function byPackage(meta: Metafile, outputs: string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const name of outputs) {
    for (const [path, { bytesInOutput }] of Object.entries(meta.outputs[name]!.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
      const key = match ? match[1]! : path.startsWith('functions/') || path.startsWith('templates/') ? 'kompis (functions/, templates/)' : path;
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
  }
  return sizes;
}

interface Bundle {
  file: string;
  /** What a cold import reads: the entry and its static chunks. */
  bytes: number;
  /** The whole asset: every chunk, also those only an import() loads. */
  assetBytes: number;
  chunks: number;
  mapBytes: number;
  packages: Map<string, number>;
  text: string;
}

/** Bundles an entry of the project, or (`source`) a reference entry resolved from the project root, as the CDK does (split). */
async function bundle(root: string, entry: string | { source: string }, outdir: string): Promise<Bundle> {
  // A reference entry is written into the project root: its packages resolve as the project's do.
  const entryPoint = typeof entry === 'string' ? entry : join(root, `.coldstart-reference-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`);
  if (typeof entry !== 'string') await writeFile(entryPoint, entry.source);
  try {
    const result = await build({ ...splitBundleOptions(entryPoint, outdir), absWorkingDir: root });
    const meta = result.metafile!;
    const loaded = loadedAtImport(meta);
    const all = Object.keys(meta.outputs).filter((name) => name.endsWith('.mjs'));
    const file = join(outdir, 'index.mjs');
    const sizeOf = (names: string[]) => names.reduce((sum, name) => sum + meta.outputs[name]!.bytes, 0);
    const text = (await Promise.all(loaded.map((name) => readFile(join(root, name), 'utf8')))).join('\n');
    return { file, bytes: sizeOf(loaded), assetBytes: sizeOf(all), chunks: all.length - 1, mapBytes: (await stat(`${file}.map`)).size, packages: byPackage(meta, loaded), text };
  } finally {
    if (typeof entry !== 'string') await rm(entryPoint, { force: true });
  }
}

const LOADER = `const started = performance.now();
await import(process.argv[process.argv.length - 1]);
process.stdout.write(JSON.stringify({ importMs: performance.now() - started, sinceStartMs: performance.now() }));
process.exit(0);
`;

/** One fresh `node`: the time `await import(bundle)` takes, with the runtime's NODE_OPTIONS (--enable-source-maps). */
async function importOnce(loader: string, file: string, env: Record<string, string>): Promise<number> {
  const { stdout } = await run(process.execPath, ['--enable-source-maps', loader, pathToFileURL(file).href], { env, cwd: tmpdir(), timeout: 60_000 });
  return (JSON.parse(stdout) as { importMs: number }).importMs;
}

const medianOf = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};

/** `root`: the project to bundle (another checkout, to measure a proposed change against the same references). */
export async function benchColdStart(options: { runs?: number; log?: (s: string) => void; root?: string } = {}) {
  const runs = options.runs ?? 10;
  const root = options.root ?? projectRoot;
  const log = options.log ?? (() => {});
  // The CDK's beforeBundling hook compiles the templates; do the same when they are missing.
  if (!existsSync(join(root, 'templates/compiled/emails.ts'))) await run('npx', ['tsx', 'templates/build.ts'], { cwd: root });

  const dir = await mkdtemp(join(tmpdir(), 'kompis-coldstart-'));
  try {
    const loader = join(dir, 'loader.mjs');
    await writeFile(loader, LOADER);
    const built = [];
    for (const fn of FUNCTIONS) {
      await mkdir(join(dir, fn.name, 'ref'), { recursive: true });
      const own = await bundle(root, fn.entry, join(dir, fn.name));
      const reference = await bundle(root, { source: referenceSource(fn.clients, fn.honoLambda ?? false) }, join(dir, fn.name, 'ref'));
      // A dummy signing key, so config.ts never reaches Secrets Manager: the import alone is measured.
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'eu-north-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        KOMPIS_SECRET: 'bench:0123456789abcdef0123456789abcdef0123456789',
        KOMPIS_TABLE: 'bench',
        KOMPIS_BASE_URL: 'https://kompis.example.com',
        KOMPIS_FROM: 'Kompis <coach@kompis.example.com>',
        KOMPIS_INBOUND_DOMAIN: 'in.kompis.example.com',
        ...fn.env,
      };
      built.push({ fn, own, reference, env, ownTimes: [] as number[], refTimes: [] as number[] });
      log(`  ${fn.name}: bundled ${(own.bytes / 1024).toFixed(0)} KB (reference ${(reference.bytes / 1024).toFixed(0)} KB)`);
    }
    // One unmeasured import each (file cache), then the runs interleaved: function, reference, next function…
    for (const b of built) {
      await importOnce(loader, b.own.file, b.env);
      await importOnce(loader, b.reference.file, b.env);
    }
    for (let i = 0; i < runs; i++) {
      for (const b of built) {
        if (i % 2) {
          b.refTimes.push(await importOnce(loader, b.reference.file, b.env));
          b.ownTimes.push(await importOnce(loader, b.own.file, b.env));
        } else {
          b.ownTimes.push(await importOnce(loader, b.own.file, b.env));
          b.refTimes.push(await importOnce(loader, b.reference.file, b.env));
        }
      }
    }

    const functions = built.map(({ fn, own, reference, ownTimes, refTimes }) => {
      const importMs = medianOf(ownTimes);
      const referenceImportMs = medianOf(refTimes);
      const mjmlPackages = [...own.packages.keys()].filter((p) => /^mjml/.test(p));
      const top = [...own.packages].sort((a, b) => b[1] - a[1]);
      // What the function carries beyond its reference, biggest first.
      const beyond = top
        .map(([pkg, bytes]) => ({ package: pkg, bytes: bytes - (reference.packages.get(pkg) ?? 0) }))
        .filter((p) => p.bytes > 4096)
        .sort((a, b) => b.bytes - a.bytes)
        .slice(0, 8);
      const sizeRatio = own.bytes / reference.bytes;
      const timeRatio = importMs / referenceImportMs;
      const met = { size: sizeRatio <= TARGET, time: timeRatio <= TARGET, noMjml: mjmlPackages.length === 0 };
      return {
        name: fn.name,
        entry: fn.entry,
        referenceClients: ['hono', ...(fn.honoLambda ? ['hono/aws-lambda'] : []), ...fn.clients, 'secrets-manager (lazy, as config.ts)'],
        bytes: own.bytes,
        assetBytes: own.assetBytes,
        chunks: own.chunks,
        mapBytes: own.mapBytes,
        referenceBytes: reference.bytes,
        sizeRatio,
        importMs,
        referenceImportMs,
        timeRatio,
        importRunsMs: ownTimes,
        referenceRunsMs: refTimes,
        containsMjml: mjmlPackages.length > 0,
        mjmlMentionsInText: (own.text.match(/mjml/gi) ?? []).length,
        topPackages: top.slice(0, 8).map(([pkg, bytes]) => ({ package: pkg, bytes })),
        beyondReference: beyond,
        met: { ...met, all: met.size && met.time && met.noMjml },
      };
    });
    return {
      runs,
      node: process.version,
      esbuild: esbuildVersion,
      bundling: 'esbuild as KompisFunction (infra/constructs/split-bundle.ts): esm, node24, code splitting, mainFields module,main, createRequire banner, minify, linked source maps without sources, nothing external; imported with --enable-source-maps; bytes = the entry and its static chunks, assetBytes = every chunk',
      target: TARGET,
      functions,
      met: functions.every((f) => f.met.all),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printColdStart(result: Awaited<ReturnType<typeof benchColdStart>>, log: (s: string) => void) {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  for (const f of result.functions) {
    log(
      `  ${f.name.padEnd(9)} ${kb(f.bytes).padStart(8)} (asset ${kb(f.assetBytes)}, ${f.chunks} chunks) vs ${kb(f.referenceBytes).padStart(7)} = ${f.sizeRatio.toFixed(2)}×   import ${f.importMs.toFixed(0).padStart(4)} ms vs ${f.referenceImportMs.toFixed(0).padStart(3)} ms = ${f.timeRatio.toFixed(2)}×   mjml ${f.containsMjml ? 'YES' : 'no'}   ${f.met.all ? 'meets' : 'MISSES'} ≤ ${result.target}×`,
    );
    if (!f.met.size || !f.met.time) log(`    beyond the reference: ${f.beyondReference.map((p) => `${p.package} ${kb(p.bytes)}`).join(', ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.includes('--json');
  const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
  log('cold start: each Lambda bundle vs bare Hono + its SDK clients, size and median import time in a fresh node');
  const rootArg = process.argv.find((a) => a.startsWith('--root='));
  const runsArg = process.argv.find((a) => a.startsWith('--runs='));
  const result = await benchColdStart({ log, ...(rootArg ? { root: rootArg.slice('--root='.length) } : {}), ...(runsArg ? { runs: Number(runsArg.slice('--runs='.length)) } : {}) });
  if (json) console.log(JSON.stringify(result, null, 2));
  else printColdStart(result, log);
}
