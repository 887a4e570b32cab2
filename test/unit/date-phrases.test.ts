// Dates that mean what they say, in both languages: "this quarter" ends at the quarter's end, "this month"
// at the month's, "by summer" / "til sommeren" is asked about (a date, not a guess), "before the summer
// holidays" ends with June.
import { describe, expect, it } from 'vitest';
import { coach } from '../../functions/core/analysis/coaching.js';
import { readGoal } from '../../functions/core/analysis/goal-reader.js';

const on = (date: string) => new Date(`${date}T09:00:00Z`);

describe('horizons that end on a date', () => {
  it.each([
    // Quarter: from Monday 2 March, the quarter ends 31 March (5 weeks); from 1 April, 30 June (13 weeks).
    ['en', 'Meet 2 CFOs every week this quarter', '2026-03-02', 5],
    ['nb', 'Møte 2 økonomisjefer hver uke dette kvartalet', '2026-03-02', 5],
    ['en', 'Meet 2 CFOs every week this quarter', '2026-04-01', 13],
    ['nb', 'Møte 2 økonomisjefer hver uke ut kvartalet', '2026-05-15', 7],
    // Month: from 10 March to 31 March is 3 weeks; from 24 March, 1.
    ['en', 'Run 3 times a week this month', '2026-03-10', 3],
    ['nb', 'Løpe 3 ganger i uka denne måneden', '2026-03-10', 3],
    ['nb', 'Løpe 3 ganger i uka ut måneden', '2026-03-24', 1],
    // Before the summer holidays: to 30 June.
    ['en', 'Sign 20 deals before the summer holidays', '2026-01-05', 26],
    ['nb', 'Selge 20 årsavtaler før sommerferien', '2026-01-05', 26],
  ] as const)('%s: "%s" from %s is %d weeks', (_, text, start, weeks) => {
    expect(readGoal(text, on(start)).horizonWeeks).toBe(weeks);
  });

  it.each([
    ['en', 'Meet 2 customers every week by summer'],
    ['en', 'Meet 2 customers every week until the summer'],
    ['nb', 'Møte 2 kunder hver uke til sommeren'],
    ['nb', 'Møte 2 kunder hver uke innen sommeren'],
  ] as const)('%s: "%s" has no length, and the coaching asks for a date', (language, text) => {
    expect(readGoal(text, on('2026-03-02')).horizonWeeks).toBeNull();
    const coaching = coach(text, { language, start: on('2026-03-02') });
    expect(coaching.missing).toContain(language === 'nb' ? 'til når — hvilken dato? «Til sommeren» eller «dette semesteret» kan slutte på mange dager' : 'until when — which date? “By summer” or “this term” can end on many days');
  });
});
