// A changed goal: each week keeps its own target, the verdict counts each week with the number it had,
// a goal made easier late says so, and "change: 3 per week" / "endre: 3 i uka" is read as a command.
import { describe, expect, it } from 'vitest';
import { buddyNews, lateEasierLine } from '../../functions/core/progress/change-lines.js';
import { chartSlots } from '../../functions/core/emails/chart.js';
import type { Goal, GoalChange } from '../../functions/core/goal.js';
import { summarize } from '../../functions/core/progress/progress.js';
import { targetFor } from '../../functions/core/progress/targets.js';
import { findChangeCommand } from '../../functions/core/replies/change-command.js';
import { verdictOf } from '../../functions/core/emails/verdict.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';
import { buddyWeeklyEmail } from '../../functions/core/buddy/buddy-emails.js';
import { recordButtons } from '../../functions/core/inbound/answers.js';

const change = (fromWeek: number, from: number, to: number, extra: Partial<GoalChange> = {}): GoalChange => ({
  at: '2026-03-20T10:00:00Z',
  fromWeek,
  from: { text: 'x', perWeek: from, weeks: 6 },
  to: { text: 'x', perWeek: to, weeks: 6 },
  easier: to < from,
  late: false,
  ...extra,
});

describe('each week’s own target', () => {
  const goal: Goal = { ...aGoal({ weeks: 6, targetPerWeek: 3, status: 'completed', nextWeek: 7 }), changes: [change(4, 2, 3)] };

  it('is the old number before the change and the new one from its week', () => {
    expect([1, 2, 3, 4, 5, 6].map((w) => targetFor(goal, w))).toEqual([2, 2, 2, 3, 3, 3]);
    expect(targetFor({ targetPerWeek: 5 }, 1)).toBe(5);
    const twice = { ...goal, targetPerWeek: 1, changes: [change(3, 2, 3), change(5, 3, 1)] };
    expect([1, 2, 3, 4, 5, 6].map((w) => targetFor(twice, w))).toEqual([2, 2, 3, 3, 1, 1]);
  });

  it('decides the weeks on target, the streak, the total asked for and the verdict', () => {
    const answers = [1, 2, 3, 4, 5, 6].map((w) => anAnswer(w, 2));
    const progress = summarize(goal, answers);
    expect(progress.rows.map((r) => r.onTarget)).toEqual([true, true, true, false, false, false]);
    expect(progress.targetTotal).toBe(2 * 3 + 3 * 3);
    expect(progress.total).toBe(12);
    expect(progress.reached).toBe(false);
    const verdict = verdictOf({ ...goal, locale: 'en' }, progress);
    expect(verdict.line).toContain('3 short');
    expect(verdict.rule).toBe('The goal counts as reached when the weeks add up to 15 in 6 weeks, or 2.5 a week on average (each week counts with the number it had).');
    expect(verdictOf({ ...goal, locale: 'nb' }, progress).rule).toContain('2,5 i uka i snitt');
  });

  it('says in the final report when the goal was made easier in its last two weeks', () => {
    const late = { ...goal, locale: 'en' as const, changes: [change(6, 3, 1, { late: true })] };
    expect(lateEasierLine(late)).toBe('The goal was made easier in its last two weeks: from 3 a week for 6 weeks to 1 a week for 6 weeks.');
    expect(verdictOf(late, summarize(late, [])).rule).toContain('made easier in its last two weeks');
    expect(lateEasierLine({ ...late, changes: [change(6, 1, 3, { late: true })] })).toBe('');
  });
});

describe('a week’s emails after a change', () => {
  const changed: Goal = { ...aGoal({ locale: 'en', ownerName: 'Ola Nordmann', targetPerWeek: 3, nextWeek: 12 }), changes: [change(12, 2, 3)] };
  const buddy = { email: 'kari@example.com', name: 'Kari', status: 'accepted' as const, invitation: 1 };
  const now = new Date('2026-06-05T13:00:00Z');

  it('the buddy’s weekly email before the change tells it, once', () => {
    const line = 'Ola Nordmann changed the goal from 2 to 3 a week, from week 12.';
    expect(buddyWeeklyEmail(exampleConfig, changed, buddy, 11, [anAnswer(11, 2)], now).text).toContain(line);
    expect(buddyWeeklyEmail(exampleConfig, changed, buddy, 12, [anAnswer(12, 3)], now).text).not.toContain(line);
    // Week 11's 2 met its own target of 2.
    expect(buddyWeeklyEmail(exampleConfig, changed, buddy, 11, [anAnswer(11, 2)], now).subject).toBe('Week 11 of 13: 2 this week, target reached');
  });

  it('the read-back buttons offer each week’s own "N or more"', () => {
    expect(recordButtons(exampleConfig, changed, 11, 'all', now).at(-1)?.label).toBe('3 or more');
    expect(recordButtons(exampleConfig, changed, 12, 'all', now).at(-1)?.label).toBe('4 or more');
  });
});

describe('"change: 3 per week" by reply', () => {
  it.each([
    ['change: 3 per week', { perWeek: 3 }],
    ['Change to 3 a week', { perWeek: 3 }],
    ['change the goal to 4 per week please', { perWeek: 4 }],
    ['Hi, change: three a week', { perWeek: 3 }],
    ['endre: 3 i uka', { perWeek: 3 }],
    ['Endre målet til 2 per uke', { perWeek: 2 }],
    ['endre til tre i uka takk', { perWeek: 3 }],
    ['endre: 16 uker', { weeks: 16 }],
    ['change: 10 weeks', { weeks: 10 }],
    ['Thanks!\nchange: 5 per week', { perWeek: 5 }],
  ])('%s', (text, expected) => {
    expect(findChangeCommand(text)).toEqual({ kind: 'change', ...expected });
  });

  it.each(['3', 'I want to change gyms, 3 a week is hard', 'Ble 3 denne uka, vil endre neste uke', 'change: 300 per week', 'change: 0 per week', 'change', 'endre: 60 uker'])(
    'is not read in %s',
    (text) => {
      expect(findChangeCommand(text)).toBeUndefined();
    },
  );
});

describe('the buddy’s news of a change', () => {
  it('tells several changes made the same week once, as what they add up to', () => {
    const goal = { ...aGoal({ weeks: 6, locale: 'en' }), changes: [change(4, 2, 3), change(4, 3, 4)] };
    expect(buddyNews(goal, 3, 'Ola')).toBe('Ola changed the goal from 2 to 4 a week, from week 4.');
    expect(buddyNews({ ...goal, changes: [change(4, 2, 3), change(4, 3, 2)] }, 3, 'Ola')).toBe('');
    expect(buddyNews(goal, 4, 'Ola')).toBe('');
  });
});

describe('the emailed chart’s legend', () => {
  it('names the number the weeks shown had, not one changed for later weeks', () => {
    const goal = { ...aGoal({ weeks: 6, locale: 'en', targetPerWeek: 5, nextWeek: 6 }), changes: [change(4, 2, 5)] };
    const progress = summarize(goal, [anAnswer(1, 2), anAnswer(2, 2), anAnswer(3, 2), anAnswer(4, 5), anAnswer(5, 5)]);
    expect(chartSlots(progress, goal, 3, 'email.checkin.progress').text).toContain('✓ = weekly target reached (2 or more)');
    expect(chartSlots(progress, goal, 5, 'email.checkin.progress').text).toContain('each week counts with the number it had');
  });
});
