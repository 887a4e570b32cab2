// The rule and the margin: what counts as reached, and how far off the weeks so far stand — the same
// words on the goal page, in the check-in and in the final report.
import { describe, expect, it } from 'vitest';
import { summarize } from '../../functions/core/progress/progress.js';
import { expectedByNow, marginLine, ruleLine } from '../../functions/core/progress/standing.js';
import { checkinEmail } from '../../functions/core/weekly/checkin-email.js';
import { finalReportEmail } from '../../functions/core/weekly/final-report.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';

const now = new Date('2026-06-05T13:00:00Z');

describe('the rule', () => {
  it('says the total and the weekly average, in both languages', () => {
    const goal = aGoal({ locale: 'en', weeks: 13, targetPerWeek: 2 });
    expect(ruleLine(goal, summarize(goal, []))).toBe('The goal counts as reached when the weeks add up to 26 in 13 weeks, or 2 a week on average.');
    const nb = { ...goal, locale: 'nb' as const };
    expect(ruleLine(nb, summarize(nb, []))).toBe('Målet regnes som nådd når ukene til sammen blir 26 i 13 uker, eller 2 i uka i snitt.');
  });
});

describe('the margin', () => {
  const goal = aGoal({ locale: 'en', weeks: 13, targetPerWeek: 2, nextWeek: 5 });
  it.each([
    [[2, 2, 2, 2], 'On pace: 8 so far, as expected by now.'],
    [[2, 1, 2, 1], '2 short of pace: 6 so far, 8 expected by now.'],
    [[5, 2, 2, 2], '3 ahead of pace: 11 so far, 8 expected by now.'],
  ])('%j → %s', (counts, line) => {
    const progress = summarize(goal, counts.map((c, i) => anAnswer(i + 1, c)));
    expect(expectedByNow(goal, progress)).toBe(8);
    expect(marginLine(goal, progress)).toBe(line);
  });

  it('leaves a paused week out of what is expected, and says nothing before a week has closed', () => {
    const progress = summarize(goal, [anAnswer(1, 2), { week: 2, paused: true, source: 'reply', updatedAt: '2026-03-13T14:00:00Z' }, anAnswer(3, 2), anAnswer(4, 2)]);
    expect(expectedByNow(goal, progress)).toBe(6);
    expect(marginLine({ ...goal, nextWeek: 1 }, summarize({ ...goal, nextWeek: 1 }, []))).toBe('');
    const second = { ...goal, locale: 'nb' as const, nextWeek: 2 };
    expect(marginLine(second, summarize(second, [anAnswer(1, 1)]))).toBe('1 bak skjema: 1 hittil, 2 ventet nå.');
  });

  // Issues 18 and 19 met at the merge: a joker week, like a paused one, is not expected of the owner.
  it('leaves a jokered week out of what is expected, of the total and of the weekly average', () => {
    const joker = { week: 2, joker: true, source: 'reply' as const, updatedAt: '2026-03-13T14:00:00Z' };
    const progress = summarize(goal, [anAnswer(1, 2), joker, anAnswer(3, 2), anAnswer(4, 2)]);
    expect(expectedByNow(goal, progress)).toBe(6);
    expect(marginLine(goal, progress)).toBe('On pace: 6 so far, as expected by now.');
    expect(progress.targetTotal).toBe(24);
    const terms = (perWeek: number) => ({ text: goal.text, perWeek, weeks: 13 });
    const changed = { ...goal, targetPerWeek: 3, changes: [{ at: '2026-03-14T10:00:00Z', fromWeek: 3, from: terms(2), to: terms(3), easier: false, late: false }] };
    // Week 1 at its own 2, week 2 jokered, weeks 3–13 at 3.
    expect(summarize(changed, [anAnswer(1, 2), joker]).targetTotal).toBe(2 + 3 * 11);
  });
});

describe('the same words in the check-in and the final report', () => {
  it('the check-in states the rule and the margin of the weeks before it', () => {
    const goal = aGoal({ locale: 'en', weeks: 13, targetPerWeek: 2 });
    const email = checkinEmail(exampleConfig, goal, 4, [anAnswer(1, 2), anAnswer(2, 1), anAnswer(3, 2)], now);
    expect(email.text).toContain('The goal counts as reached when the weeks add up to 26 in 13 weeks, or 2 a week on average. 1 short of pace: 5 so far, 6 expected by now.');
    expect(email.html).toContain('1 short of pace');
  });

  it('the final report states the rule and the margin against the total, and decides by the total', () => {
    const goal = aGoal({ locale: 'en', weeks: 13, targetPerWeek: 2, status: 'completed', nextWeek: 14 });
    // 12 weeks of 2 and one of 0: 24 of 26, a week short of target but judged by the total.
    const answers = Array.from({ length: 13 }, (_, i) => anAnswer(i + 1, i === 6 ? 0 : 2));
    const email = finalReportEmail(exampleConfig, goal, answers, now);
    expect(email.text).toContain('The goal counts as reached when the weeks add up to 26 in 13 weeks, or 2 a week on average.');
    expect(email.text).toContain('24 in 13 weeks — 2 short of the goal of 26.');
  });
});
