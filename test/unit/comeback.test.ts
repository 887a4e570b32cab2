// Come back, not give up: the check-in after a missed week welcomes the owner back, the first answered week
// after a miss is "back on track", and progress reads as what is done before halfway, what is left after.
import { describe, expect, it } from 'vitest';
import type { WeekAnswer } from '../../functions/core/answers.js';
import { checkinEmail } from '../../functions/core/weekly/checkin-email.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';

const now = new Date('2026-06-05T13:00:00Z');
// 6 weeks of 2: 12 in all.
const text = (week: number, answers: WeekAnswer[], locale: 'nb' | 'en' = 'en') =>
  checkinEmail(exampleConfig, aGoal({ locale, weeks: 6, nextWeek: week }), week, answers, now).text;

describe('the check-in after a missed week', () => {
  it('welcomes back after a 0 or no answer, not after a good week, a pause or a joker', () => {
    expect(text(3, [anAnswer(1, 2), anAnswer(2, 0)])).toContain('Welcome back');
    expect(text(3, [anAnswer(1, 2)])).toMatch(/Last week has no answer yet\. Welcome back/);
    expect(text(3, [anAnswer(1, 2), anAnswer(2, 2)])).not.toContain('Welcome back');
    expect(text(3, [anAnswer(1, 2), { week: 2, paused: true, source: 'reply', updatedAt: '' }])).toContain('Last week was a break.');
    expect(text(3, [anAnswer(1, 2), { week: 2, joker: true, source: 'reply', updatedAt: '' }])).toContain('Last week you used a joker.');
    expect(text(3, [anAnswer(1, 2), { week: 2, joker: true, source: 'reply', updatedAt: '' }])).not.toContain('Welcome back');
    expect(text(3, [anAnswer(1, 2), anAnswer(2, 0)], 'nb')).toContain('Velkommen tilbake');
  });

  it('says "back on track" of the first answered week after a miss', () => {
    expect(text(4, [anAnswer(1, 2), anAnswer(2, 0), anAnswer(3, 1)])).toContain('Last week you recorded 1: back on track after a missed week.');
    expect(text(4, [anAnswer(1, 2), anAnswer(2, 1), anAnswer(3, 1)])).toContain('Last week you recorded 1.');
    expect(text(4, [anAnswer(1, 2), anAnswer(3, 2)], 'nb')).toContain('tilbake på sporet');
  });
});

describe('progress in the check-in', () => {
  it('is what is done before halfway, and what is left from halfway on', () => {
    expect(text(1, [])).not.toMatch(/So far|to go/);
    expect(text(2, [anAnswer(1, 3)])).toContain('So far: 3 in 1 week.');
    expect(text(3, [anAnswer(1, 3), anAnswer(2, 1)])).toContain('So far: 4 in 2 weeks.');
    // Week 4 of 6: three weeks done, half the period: 12 − 5 = 7 to go in 3 weeks.
    expect(text(4, [anAnswer(1, 3), anAnswer(2, 1), anAnswer(3, 1)])).toContain('7 to go in 3 weeks.');
    expect(text(6, [anAnswer(1, 3), anAnswer(2, 1), anAnswer(3, 1), anAnswer(4, 2), anAnswer(5, 3)])).toContain('2 to go in 1 week.');
    expect(text(6, [anAnswer(1, 9), anAnswer(2, 1), anAnswer(3, 1), anAnswer(4, 2), anAnswer(5, 3)])).toContain('reached the goal’s total already: 16 of 12');
    expect(text(4, [anAnswer(1, 3), anAnswer(2, 1), anAnswer(3, 1)], 'nb')).toContain('7 igjen på 3 uker.');
  });
});
