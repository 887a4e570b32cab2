// The coaching's sharper sentence on every phrasing in test/fixtures/goals/phrasings.json: offered only
// when it reads as a commitment a person could sign, in their own words; no sentence rather than a wrong one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coach } from '../../functions/core/analysis/coaching.js';

const START = new Date('2026-01-02T09:00:00Z');
describe('the sharper sentence', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/goals/phrasings.json', import.meta.url), 'utf8')) as { text: string; language: 'nb' | 'en' }[];
  const examples = cases.map((c) => ({ text: c.text, example: coach(c.text, { language: c.language, start: START }).example }));

  it('reads as a commitment a person could sign, for every phrasing it is offered for', () => {
    const offered = examples.filter((e) => e.example !== null);
    expect(offered.length).toBeGreaterThan(40);
    for (const { text, example } of offered) {
      expect(example, text).toMatch(/^(Jeg skal|I will) \p{Ll}[^:]*\.$/u);
      // The shapes a bokmål or English reader stumbled on: a count before a comparative or a particle, a
      // greeting or a bare quantifier where the verb should be, a stock "who" under any goal.
      expect(example, text).not.toMatch(/(minst|at least) 2 (flere|mer|bedre|more|out|x)\b|skal (hei|minimum|minst)\b|will (hi|hello)\b|\((hvem|who)\?/iu);
      expect(example, text).toMatch(/(hver|every) (uke|dag|måned|week|day|month)|\b(frem til|until)\b/u);
    }
  });

  it.each([
    ['Få flere kunder', 'nb', 'Jeg skal få minst 2 nye kunder hver uke frem til 3. april.'],
    ['Oppnå kontakt med økonomidirektører i Stavanger hver uke', 'nb', 'Jeg skal oppnå kontakt med minst 2 økonomidirektører i Stavanger hver uke frem til 3. april.'],
    ['Gå på flere arrangementer', 'nb', 'Jeg skal gå på minst 2 nye arrangementer hver uke frem til 3. april.'],
    ['Reach out to customers weekly', 'en', 'I will reach out to at least 2 customers every week until 3 April.'],
    ['MØTE 3 KUNDER HVER UKE', 'nb', 'Jeg skal møte 3 kunder hver uke frem til 3. april.'],
  ] as const)('sharpens "%s" in its own words', (text, language, example) => {
    expect(coach(text, { language, start: START }).example).toBe(example);
  });

  it.each([
    ['Selge mer', 'nb'],
    ['Bygge nettverket mitt', 'nb'],
    ['Bli bedre på nettverksbygging', 'nb'],
    ['Hei! Jeg vil treffe flere kunder', 'nb'],
    ['Network more', 'en'],
    ['Sell more', 'en'],
    ['Skrive 2 blogginnlegg i måneden i et halvt år', 'nb'],
  ] as const)('offers no sentence rather than a wrong one for "%s"', (text, language) => {
    expect(coach(text, { language, start: START }).example).toBeNull();
  });
});
