// What is left in each bundle, and what each part buys: the http function's entry and the chunks its goal and
// check-in route groups add, the send function and the inbound function, built exactly as the CDK and the
// cold-start bench build them (infra/constructs/split-bundle.ts), from esbuild's metafile. Bytes are the
// minified output each input contributes ("bytesInOutput"), grouped by package or by our own module group.
//   npx tsx test/bench/bundle-breakdown.ts [--json]      (also: npx tsx test/bench/run.ts --only=breakdown)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { splitBundleOptions } from '../../infra/constructs/split-bundle.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** What each part buys, in a phrase (a part not named here is printed without one). */
export const buys: Record<string, string> = {
  '@aws-sdk/client-dynamodb': 'the DynamoDB client (commands, serializers)',
  '@aws-sdk/lib-dynamodb': 'plain objects in and out of DynamoDB (marshalling)',
  '@aws-sdk/util-dynamodb': 'plain objects in and out of DynamoDB (marshalling)',
  '@aws-sdk/client-sesv2': 'the SES v2 client: sending raw MIME',
  '@aws-sdk/client-s3': 'the S3 client: reading the stored inbound mail',
  '@aws-sdk/client-sqs': 'the SQS client',
  '@aws-sdk/core': 'the SDK runtime shared by every client (protocols, signing, retries)',
  '@smithy': 'the SDK runtime shared by every client (HTTP handler, signing, retries, serde)',
  '@aws-crypto': 'SigV4 hashing for every AWS call',
  '@aws-lambda-powertools': 'structured logs and metrics (Powertools logger and EMF metrics)',
  hono: 'routing, JSX pages, secure headers, CSRF, the Lambda adapter',
  '@hono/zod-validator': 'form validation wired into the routes',
  'zod (classic)': 'form schemas with field-by-field errors (classic zod’s methods)',
  'zod/mini': 'config, token and queue-message schemas (zod/mini’s functions)',
  'zod core': 'what classic zod and zod/mini share: parsing, checks, messages (its JSON-schema export comes along)',
  mnemonist: 'the SDK’s endpoint cache (an LRU)',
  '@aws-sdk/client-ses': 'the SES client: sending raw MIME',
  '@aws/lambda-invoke-store': 'per-invocation context for the SDK and Powertools',
  luxon: 'check-in times in the goal’s time zone across DST',
  nodemailer: 'composing MIME (MailComposer: headers, encodings, multipart)',
  mailparser: 'parsing every inbound mail a real client sends (MIME tree, headers, text from HTML)',
  'iconv-lite': 'decoding every charset a real mail client sends',
  libmime: 'encoded-word headers (RFC 2047) and charset decoding',
  libqp: 'quoted-printable bodies',
  libbase64: 'base64 bodies',
  'encoding-japanese': 'Japanese charsets (ISO-2022-JP, Shift_JIS), via libmime',
  punycode: 'international domain names in addresses',
  'html-to-text': 'plain text from HTML-only mail (mailparser)',
  htmlparser2: 'reading HTML mail bodies (for html-to-text)',
  entities: 'HTML entities, decoding mail bodies',
  he: 'HTML entities in mail bodies (mailparser)',
  'linkify-it': 'finding what a mail client would turn into a link in text someone typed, to defuse it (core/emails/unlinked.ts; mailparser too)',
  tlds: 'the full list of top-level domains, for linkify-it',
  '@zone-eu/mailsplit': 'splitting a mail into its MIME parts as a stream (mailparser)',
  'punycode.js': 'international domain names in addresses',
  parseley: 'CSS selectors for html-to-text',
  selderee: 'CSS selectors for html-to-text',
  domhandler: 'the DOM htmlparser2 builds',
  'dom-serializer': 'the DOM htmlparser2 builds',
  'deepmerge-ts': 'html-to-text’s options',
  peberminta: 'parser combinators for parseley',
  'uc.micro': 'Unicode classes for linkify-it',
  'fast-xml-parser': 'the SDK reading XML answers (S3, SQS, SES errors)',
  'strnum': 'number parsing for fast-xml-parser',
  tslib: 'TypeScript helpers used by the SDK',
  uuid: 'ids for SDK requests',
  bowser: 'browser detection in the SDK’s user agent',
  'kompis: core': 'the domain: goals, schedule, progress, links and tokens, replies, emails (functions/core)',
  'kompis: catalogs': 'every visible string in bokmål and English (templates/messages)',
  'kompis: compiled emails': 'the precompiled MJML emails this function sends (templates/compiled/emails)',
  'kompis: pages': 'the HTML pages (functions/http/pages)',
  'kompis: routes': 'the route handlers (functions/http/routes)',
  'kompis: adapters': 'DynamoDB, SES, S3 adapters and the config loader',
  'kompis: entry': 'the function’s entry, wiring and observability',
};

/** The group an input file belongs to: its package, or a group of our own modules. */
export function groupOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(path);
  if (pkg) {
    const name = pkg[1]!;
    if (name.startsWith('@smithy/')) return '@smithy';
    if (name.startsWith('@aws-crypto/')) return '@aws-crypto';
    if (name.startsWith('@aws-lambda-powertools/')) return '@aws-lambda-powertools';
    if (name === 'zod') return /\/mini\//.test(pkg[2] ?? '') ? 'zod/mini' : /\/classic\//.test(pkg[2] ?? '') ? 'zod (classic)' : 'zod core';
    if (name.startsWith('@aws-sdk/') && !/client-|lib-dynamodb|util-dynamodb|^@aws-sdk\/core$/.test(name)) return '@aws-sdk/core';
    return name;
  }
  if (path.startsWith('templates/messages/')) return 'kompis: catalogs';
  if (path.startsWith('templates/compiled')) return 'kompis: compiled emails';
  if (path.startsWith('functions/core/')) return 'kompis: core';
  if (path.startsWith('functions/http/pages/')) return 'kompis: pages';
  if (path.startsWith('functions/http/routes/')) return 'kompis: routes';
  if (path.startsWith('functions/adapters/') || path === 'functions/config.ts') return 'kompis: adapters';
  if (path.startsWith('functions/') || path.startsWith('templates/')) return 'kompis: entry';
  return path;
}

/** The outputs `from` loads with static imports, transitively (an import() chunk is not followed). */
function staticClosure(meta: Metafile, from: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    for (const imported of meta.outputs[queue.pop()!]!.imports) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return seen;
}

function groups(meta: Metafile, outputs: Iterable<string>): { group: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const name of outputs)
    for (const [path, { bytesInOutput }] of Object.entries(meta.outputs[name]!.inputs)) sizes.set(groupOf(path), (sizes.get(groupOf(path)) ?? 0) + bytesInOutput);
  return [...sizes].map(([group, bytes]) => ({ group, bytes })).sort((a, b) => b.bytes - a.bytes);
}

interface Part {
  /** e.g. "http entry", "http + goal chunk". */
  name: string;
  bytes: number;
  groups: { group: string; bytes: number; buys?: string }[];
}

const FUNCTIONS = [
  { name: 'http', entry: 'functions/http/lambda.ts', chunks: { goal: 'functions/http/routes/goal.tsx', 'check-in': 'functions/http/routes/checkin.tsx' } },
  { name: 'send', entry: 'functions/send/handler.ts', chunks: {} },
  { name: 'inbound', entry: 'functions/inbound/handler.ts', chunks: {} },
] as const;

export async function bundleBreakdown(root = projectRoot): Promise<Part[]> {
  const dir = await mkdtemp(join(tmpdir(), 'kompis-breakdown-'));
  try {
    const parts: Part[] = [];
    for (const fn of FUNCTIONS) {
      const { metafile: meta } = await build({ ...splitBundleOptions(fn.entry, join(dir, fn.name)), absWorkingDir: root, write: false });
      const outputs = Object.keys(meta!.outputs).filter((name) => name.endsWith('.mjs'));
      const entry = outputs.find((name) => name.endsWith('/index.mjs'))!;
      const atImport = staticClosure(meta!, entry);
      const part = (name: string, names: Set<string>): Part => {
        const listed = groups(meta!, names).map((g) => ({ ...g, ...(buys[g.group] ? { buys: buys[g.group] } : {}) }));
        return { name, bytes: listed.reduce((sum, g) => sum + g.bytes, 0), groups: listed };
      };
      parts.push(part(Object.keys(fn.chunks).length ? `${fn.name} entry` : fn.name, atImport));
      for (const [label, source] of Object.entries(fn.chunks)) {
        const chunk = outputs.find((name) => meta!.outputs[name]!.entryPoint === source);
        if (!chunk) throw new Error(`${fn.name}: no chunk for ${source}`);
        // What the route group adds to what the entry already loaded.
        parts.push(part(`${fn.name} ${label} chunk`, new Set([...staticClosure(meta!, chunk)].filter((name) => !atImport.has(name)))));
      }
    }
    return parts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printBreakdown(parts: Part[], log: (line: string) => void, minBytes = 2048) {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  for (const part of parts) {
    log(`  ${part.name}: ${kb(part.bytes)}`);
    const shown = part.groups.filter((g) => g.bytes >= minBytes);
    for (const g of shown) log(`    ${kb(g.bytes).padStart(7)}  ${g.group}${g.buys ? `: ${g.buys}` : ''}`);
    const rest = part.groups.filter((g) => g.bytes < minBytes);
    if (rest.length) log(`    ${kb(rest.reduce((s, g) => s + g.bytes, 0)).padStart(7)}  ${rest.length} smaller parts`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const parts = await bundleBreakdown();
  if (process.argv.includes('--json')) console.log(JSON.stringify(parts, null, 2));
  else printBreakdown(parts, console.log);
}
