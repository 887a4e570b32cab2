// The plan of the house, checked: every import runs from a higher room to a lower one. The imports are
// read with a real parser (oxc-parser: TypeScript and JSX, type-only imports included), so a moved file or
// a new import that runs back up the house fails here, with the file, the import and the rule it breaks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';

const root = normalize(join(dirname(fileURLToPath(import.meta.url)), '../..'));

/** Core's rooms, lowest first: a room imports only rooms before it in this list (and itself). */
const coreOrder = ['i18n', 'schedule', 'core', 'tokens', 'limits', 'links', 'progress', 'emails', 'forms', 'replies', 'analysis', 'buddy', 'circles', 'goals', 'weekly', 'inbound'];
const entryPoints = ['http', 'inbound', 'tick', 'send', 'feedback'];
/** What the templates share with the runtime: catalogs, compiled emails, colours and the escaper. */
const templateData = /^templates\/(messages\/|compiled\/|compiled-registry\.ts$|palette\.ts$|escape\.ts$)/;

/** The room a repository path lives in, or undefined when it is no production code (tests, tools, data). */
export function roomOf(path: string): string | undefined {
  const parts = path.split('/');
  if (templateData.test(path)) return 'templates';
  if (parts[0] === 'templates') return 'templates/build';
  if (parts[0] === 'infra') return 'infra';
  if (parts[0] !== 'functions') return undefined;
  if (parts[1] === 'core') return parts.length > 3 ? `core/${parts[2]}` : 'core/core';
  if (parts.length > 2) return entryPoints.includes(parts[1]!) ? `entry/${parts[1]}` : parts[1];
  return { 'config.ts': 'config', 'observability.ts': 'observability', 'deps.ts': 'wiring', 'store.ts': 'wiring' }[parts[1]!];
}

const lowerCore = (room: string) => coreOrder.slice(0, coreOrder.indexOf(room.slice('core/'.length))).map((r) => `core/${r}`);
const allCore = coreOrder.map((r) => `core/${r}`);

/** The rooms a room may import from, besides itself, and why. */
function allowed(room: string): { rooms: string[]; rule: string } {
  if (room.startsWith('core/')) return { rooms: [...lowerCore(room), 'templates'], rule: `core's rooms import only rooms below them (${coreOrder.join(' < ')}) and the templates' catalogs and compiled output` };
  if (room === 'templates' || room === 'templates/build') return { rooms: ['templates'], rule: 'the templates read their catalogs without core' };
  if (room === 'adapters') return { rooms: [...allCore, 'templates'], rule: 'adapters import core only' };
  if (room === 'config') return { rooms: [...allCore, 'adapters'], rule: 'config imports core and adapters (the Secrets Manager client) only' };
  if (room === 'observability') return { rooms: allCore, rule: 'observability imports core only' };
  if (room === 'wiring') return { rooms: [...allCore, 'templates', 'adapters', 'config', 'observability'], rule: 'the production wiring imports adapters, core and config — never the local stack' };
  if (room.startsWith('entry/')) return { rooms: [...allCore, 'templates', 'adapters', 'config', 'observability', 'wiring'], rule: 'entry points import adapters, core and config (and the wiring); never each other or the local stack' };
  if (room === 'infra') return { rooms: [...allCore, 'adapters', 'config'], rule: 'infra imports adapters and core only (table shape, limits)' };
  if (room === 'local' || room === 'types') return { rooms: ['*'], rule: 'the local stack may use anything' };
  return { rooms: [], rule: `unknown room ${room}: add it to roomOf` };
}

/** Packages core must not know: AWS formats stop at the adapters. */
const awsPackage = /^(@aws-sdk|@smithy|@aws-lambda-powertools|aws-lambda)\b/;

export function violations(files: { path: string; source: string }[]): string[] {
  const found: string[] = [];
  for (const { path, source } of files) {
    const from = roomOf(path);
    if (!from) continue;
    const parsed = parseSync(path, source);
    if (parsed.errors.length) found.push(`${path}: cannot be parsed (${parsed.errors[0]!.message})`);
    const specifiers = [
      ...parsed.module.staticImports.map((i) => i.moduleRequest.value),
      ...parsed.module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : []))),
      ...parsed.module.dynamicImports.map((d) => source.slice(d.moduleRequest.start + 1, d.moduleRequest.end - 1)),
    ];
    const { rooms, rule } = allowed(from);
    for (const spec of specifiers) {
      if (!spec.startsWith('.')) {
        if (from.startsWith('core/') && awsPackage.test(spec)) found.push(`${path} imports ${spec}: core knows no AWS package (AWS shapes stop at the adapters)`);
        continue;
      }
      const target = relative(root, join(root, dirname(path), spec)).replace(/\.js$/, '.ts');
      const to = roomOf(target) ?? target;
      if (to === from || rooms.includes('*') || rooms.includes(to)) continue;
      found.push(`${path} imports ${spec} (${to}): ${rule}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('imports run down the house', () => {
  it('no production file imports a room above its own', () => {
    const files = ['functions', 'templates', 'infra'].flatMap(sourceFiles).map((path) => ({ path, source: readFileSync(join(root, path), 'utf8') }));
    expect(files.length).toBeGreaterThan(150);
    expect(violations(files)).toEqual([]);
  });

  it('names a file that imports upwards, and the rule it breaks', () => {
    const files = [
      { path: 'functions/core/goals/x.ts', source: "import { tick } from '../weekly/tick.js';\nimport type { A } from '../../local/a.js';" },
      { path: 'functions/deps.ts', source: "import { s } from './local/ses-send-events.js';" },
      { path: 'functions/adapters/s3.ts', source: "import type { R } from '../inbound/ses-event.js';" },
      { path: 'functions/core/emails/y.tsx', source: "import { S3Client } from '@aws-sdk/client-s3';\nexport const a = <b>{'c'}</b>;" },
      { path: 'templates/build.ts', source: "import { t } from '../functions/core/i18n/messages.js';" },
    ];
    const found = violations(files);
    expect(found).toHaveLength(6);
    expect(found[0]).toMatch(/^functions\/core\/goals\/x\.ts imports \.\.\/weekly\/tick\.js \(core\/weekly\): core's rooms import only rooms below them/);
    expect(found[1]).toMatch(/\(local\)/);
    expect(found.join('\n')).toMatch(/never the local stack/);
    expect(found.join('\n')).toMatch(/adapters import core only/);
    expect(found.join('\n')).toMatch(/core knows no AWS package/);
    expect(found.join('\n')).toMatch(/templates read their catalogs without core/);
  });
});
