// The joker budget: 1 per 6 weeks, at least 1, from the fewest weeks the goal has had.
import { describe, expect, it } from 'vitest';
import type { GoalChange } from '../../functions/core/goal.js';
import { jokerBudget, jokersLeft } from '../../functions/core/weekly/jokers.js';

const change = (fromWeeks: number, toWeeks: number): GoalChange => ({
  at: '2026-03-14T10:00:00Z',
  fromWeek: 5,
  from: { text: 'Meet 2 CFOs a week', perWeek: 2, weeks: fromWeeks },
  to: { text: 'Meet 2 CFOs a week', perWeek: 2, weeks: toWeeks },
  easier: toWeeks < fromWeeks,
  late: false,
});

describe('the joker budget', () => {
  it('is 1 per 6 weeks, at least 1', () => {
    expect([1, 5, 6, 12, 13, 52].map((weeks) => jokerBudget({ weeks }))).toEqual([1, 1, 1, 2, 2, 8]);
  });

  it('does not grow by stretching the goal and cutting it back', () => {
    const goal = { weeks: 6, changes: [change(6, 52), change(52, 6)] };
    expect(jokerBudget(goal)).toBe(1);
    // Jokers used while it stood at 52 weeks leave none once it is back at 6.
    const jokers = [1, 2, 3].map((week) => ({ week, joker: true, source: 'reply' as const, updatedAt: '2026-03-14T10:00:00Z' }));
    expect(jokersLeft(goal, jokers)).toBe(0);
  });

  it('counts a goal that only grew by its first length', () => {
    expect(jokerBudget({ weeks: 26, changes: [change(13, 26)] })).toBe(2);
  });

  it('keeps a budget set on the goal', () => {
    expect(jokerBudget({ weeks: 6, jokers: 3, changes: [change(6, 52)] })).toBe(3);
  });
});
