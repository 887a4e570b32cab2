import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { summarize } from '../../functions/core/progress/progress.js';
import { aGoal, anAnswer } from '../helpers/factories.js';

const goal = (overrides: Partial<Goal> = {}) => aGoal({ text: 'Meet 2 CFOs a week', weeks: 5, locale: 'en', nextWeek: 5, ...overrides });
const answer = anAnswer;

describe('progress', () => {
  it('tells "no answer" from 0 and leaves future weeks upcoming', () => {
    const p = summarize(goal(), [answer(1, 2), answer(3, 0)]);
    expect(p.rows.map((r) => [r.week, r.state, r.count])).toEqual([
      [1, 'answered', 2],
      [2, 'no-answer', null],
      [3, 'answered', 0],
      [4, 'no-answer', null],
      [5, 'upcoming', null],
    ]);
    expect(p.closedWeeks).toBe(4);
    expect(p.answeredWeeks).toBe(2);
  });

  it('counts the streak back from the latest closed week, treating an unanswered latest week as still open', () => {
    expect(summarize(goal(), [answer(1, 1), answer(2, 2), answer(3, 3)]).streak).toBe(2);
    expect(summarize(goal(), [answer(2, 2), answer(3, 3), answer(4, 2)]).streak).toBe(3);
    expect(summarize(goal(), [answer(3, 3), answer(4, 1)]).streak).toBe(0);
    // Once the goal is completed, a missing last week breaks the streak.
    expect(summarize(goal({ status: 'completed' }), [answer(3, 3), answer(4, 3)]).streak).toBe(0);
  });

  it('gives totals against the whole target and a verdict', () => {
    const p = summarize(goal({ status: 'completed' }), [answer(1, 2), answer(2, 3), answer(3, 1), answer(4, 2), answer(5, 2)]);
    expect(p).toMatchObject({ total: 10, targetTotal: 10, weeksOnTarget: 4, reached: true });
    expect(summarize(goal({ status: 'completed' }), [answer(1, 9)]).reached).toBe(false);
  });

  it('sums the counts per channel, largest first', () => {
    const p = summarize(goal(), [answer(1, 1, { channel: 'event' }), answer(2, 3, { channel: 'linkedin' }), answer(3, 1, { channel: 'event' })]);
    expect(p.channels).toEqual([
      { channel: 'linkedin', count: 3 },
      { channel: 'event', count: 2 },
    ]);
  });

  it('has no closed weeks before the goal is confirmed', () => {
    expect(summarize(goal({ status: 'pending', nextWeek: undefined }), []).closedWeeks).toBe(0);
  });
});
