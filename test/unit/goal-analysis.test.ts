// The goal reader against 150+ phrasings in both languages (test/fixtures/goals), the article's own
// examples, and what the coaching says back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGoal } from '../../functions/core/analysis/analyze.js';
import { coach } from '../../functions/core/analysis/coaching.js';

interface Case {
  text: string;
  language: 'nb' | 'en';
  count: number | null;
  cadence: string | null;
  horizonWeeks: number | null;
  hasAudience: boolean;
  missing: string[];
  start?: string;
  why?: string;
}
const cases = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/goals/phrasings.json'), 'utf8')) as Case[];
const START = new Date('2026-01-02T09:00:00Z');

describe('the goal reader', () => {
  it('has at least 80 phrasings to answer to', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases.map((c) => [c.text, c] as const))('%s', (_, c) => {
    const a = analyzeGoal(c.text, { start: c.start ? new Date(`${c.start}T09:00:00Z`) : START });
    expect(
      { language: a.language, count: a.count, cadence: a.cadence, horizonWeeks: a.horizonWeeks, hasAudience: a.audience !== null, missing: a.missing },
      c.why,
    ).toEqual({ language: c.language, count: c.count, cadence: c.cadence, horizonWeeks: c.horizonWeeks, hasAudience: c.hasAudience, missing: c.missing });
  });
});

describe('the article’s examples', () => {
  it('reads "Jeg skal oppnå kontakt med minst 2 slike ukentlig hele neste kvartal" as 2 a week for 13 weeks', () => {
    const a = analyzeGoal('Jeg skal oppnå kontakt med minst 2 slike ukentlig hele neste kvartal', { start: START });
    expect(a).toMatchObject({ count: 2, cadence: 'week', horizonWeeks: 13 });
    expect(a.commitment).toBe('Jeg skal oppnå kontakt med minst 2 slike hver uke frem til 3. april.');
  });

  it('finds "Treffe nye kunder" fine but lacking everything a strong goal has, and offers a sharper one in the same words', () => {
    const c = coach('Treffe nye kunder', { language: 'nb', start: START });
    expect(c.analysis.missing).toEqual(['count', 'cadence', 'horizon', 'audience']);
    expect(c.example).toBe('Jeg skal treffe minst 2 nye kunder hver uke frem til 3. april.');
  });

  it('sees who and how many in the introduction goal, and asks only how often and for how long', () => {
    const a = analyzeGoal('Få introduksjon til to nye økonomidirektører eller andre beslutningstakere innenfor økonomi og regnskap', { start: START });
    expect(a).toMatchObject({ count: 2, missing: ['cadence', 'horizon'] });
    expect(a.audience).toContain('økonomidirektører');
  });

  it('says an English goal back as an English commitment', () => {
    expect(analyzeGoal('I want to make contact with at least 2 finance decision makers every week until the end of the year', { start: new Date('2026-10-02T09:00:00Z') }).commitment).toBe(
      'I will make contact with at least 2 finance decision makers every week until 1 January.',
    );
  });

  it('points out when the text and the number field disagree', () => {
    expect(coach('Meet 3 CFOs every week this quarter', { language: 'en', perWeek: 2, start: START }).mismatch).toBe(
      'Your text says 3 per week, but the number field says 2. Which is it?',
    );
  });
});
