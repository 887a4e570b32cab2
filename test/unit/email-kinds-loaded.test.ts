// Each module that builds an email imports its kind's compiled file (templates/compiled/emails/<kind>.js), so a
// bundle carries only the kinds it sends. A module that renders a kind without importing it would work in any
// test that happened to load the kind elsewhere and fail in the Lambda: this reads the sources and says which.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailManifest } from '../../templates/emails/manifest.js';
import { compiledTemplate } from '../../templates/compiled-registry.js';

const root = new URL('../../', import.meta.url).pathname;
const sources = readdirSync(join(root, 'functions'), { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => ({ file: `functions/${f}`, text: readFileSync(join(root, 'functions', f), 'utf8') }));
const imports = (text: string, kind: string) => text.includes(`templates/compiled/emails/${kind}.js'`);

describe('compiled emails are loaded where they are built', () => {
  it('every renderEmail of a named kind sits in a module that imports that kind', () => {
    const missing = sources.flatMap(({ file, text }) =>
      [...text.matchAll(/renderEmail\(\s*'([\w-]+)'/g)].map((m) => m[1]!).filter((kind) => !imports(text, kind)).map((kind) => `${file}: ${kind}`),
    );
    expect(missing).toEqual([]);
  });

  it('every kind of the manifest is imported by some module of functions/', () => {
    const orphans = Object.keys(emailManifest).filter((kind) => !sources.some(({ text }) => imports(text, kind)));
    expect(orphans).toEqual([]);
  });

  it('a kind nobody imported is refused with the fix in the message', () => {
    expect(() => compiledTemplate('no-such-kind', 'en')).toThrow(/import templates\/compiled\/emails\/no-such-kind\.js/);
  });
});
