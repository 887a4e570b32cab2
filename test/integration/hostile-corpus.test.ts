// The hostile-input corpus itself (test/fixtures/hostile): at least 300 cases, each with a unique id, a
// description and an expectation, so a trimmed or broken file fails here rather than testing less.
import { describe, expect, it } from 'vitest';
import { corpusFiles, loadCorpus } from '../helpers/hostile.js';

interface Described {
  id: string;
  description: string;
  expect: unknown;
}
interface TokenCorpus {
  routes: { id: string; mutations: 'all' | 'core' }[];
  mutations: (Described & { core?: boolean })[];
  cases: Described[];
}

const forms = loadCorpus<{ cases: (Described & { target: string })[] }>('forms.json').cases;
const mime = loadCorpus<{ cases: Described[] }>('mime.json').cases;
const tokens = loadCorpus<TokenCorpus>('tokens.json');
/** Every route meets every mutation it is marked for: one test row each (see hostile-tokens.test.ts). */
const tokenRows = [
  ...tokens.routes.flatMap((r) => tokens.mutations.filter((m) => r.mutations === 'all' || m.core).map((m) => `${r.id} / ${m.id}`)),
  ...tokens.cases.map((c) => c.id),
];

describe('the hostile-input corpus', () => {
  it('is made of the three files the suites read', () => {
    expect(corpusFiles().sort()).toEqual(['forms.json', 'mime.json', 'tokens.json']);
  });

  it('holds at least 300 cases, counting each token route and mutation pair once', () => {
    const counts = { forms: forms.length, tokens: tokenRows.length, mime: mime.length };
    expect(counts.forms).toBeGreaterThanOrEqual(100);
    expect(counts.tokens).toBeGreaterThanOrEqual(100);
    expect(counts.mime).toBeGreaterThanOrEqual(100);
    expect(counts.forms + counts.tokens + counts.mime).toBeGreaterThanOrEqual(300);
  });

  it.each([
    ['forms', forms],
    ['token mutations', tokens.mutations],
    ['token cases', tokens.cases],
    ['mime', mime],
  ] as const)('gives every %s case a unique id, a description and an expectation', (_, cases) => {
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of cases) {
      expect(c.id, JSON.stringify(c).slice(0, 80)).toMatch(/^[a-z0-9-]+$/);
      expect(c.description.length, c.id).toBeGreaterThan(3);
      expect(c.expect, c.id).toBeTypeOf('object');
    }
  });

  it('names no token route twice', () => {
    const ids = tokens.routes.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(tokenRows).size).toBe(tokenRows.length);
  });
});
