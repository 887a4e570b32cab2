import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { dueAt } from '../../functions/core/goals/due-index.js';
import { checkinReminderEmail, reminderAfterAnswer, reminderAfterCheckin, weekSettled } from '../../functions/core/weekly/checkin-reminder.js';
import { exampleConfig } from '../helpers/factories.js';
import { messagesFor } from '../../functions/core/weekly/tick.js';
import { midReportAfterCheckin, midWeek } from '../../functions/core/weekly/mid-report.js';
import { aGoal, anAnswer } from '../helpers/factories.js';

const reminder = { week: 1, dueAt: '2026-03-07T14:00:00.000Z' };
const goal = (overrides: Partial<Goal> = {}) => aGoal({ weeks: 3, nextWeek: 2, nextCheckinAt: '2026-03-13T14:00:00.000Z', reminder, ...overrides });

describe('the check-in reminder', () => {
  it('is due 24 hours after the check-in, unless turned off', () => {
    expect(reminderAfterCheckin(goal(), 1, new Date('2026-03-06T14:00:00Z'))).toEqual({ reminder });
    expect(reminderAfterCheckin(goal({ remindersOff: true }), 1, new Date('2026-03-06T14:00:00Z'))).toEqual({ reminder: undefined });
  });

  it('puts an active goal on the due index at its time, a paused goal not', () => {
    expect(dueAt(goal())).toBe(reminder.dueAt);
    expect(dueAt(goal({ status: 'paused' }))).toBeUndefined();
  });

  it('is enqueued when due, not before, not while paused, not once the next check-in is due', () => {
    expect(messagesFor(goal(), new Date('2026-03-07T14:00:00Z'))).toMatchObject([{ kind: 'checkin-reminder', week: 1 }]);
    expect(messagesFor(goal(), new Date('2026-03-07T13:59:00Z'))).toEqual([]);
    expect(messagesFor(goal({ status: 'paused' }), new Date('2026-03-07T14:00:00Z'))).toEqual([]);
    expect(messagesFor(goal(), new Date('2026-03-13T14:00:00Z'))).toMatchObject([{ kind: 'checkin', week: 2 }]);
  });

  it('is dropped by an answer for its week only; a number, a pause or a joker settle the week, a note alone does not', () => {
    expect(reminderAfterAnswer(goal(), 1)).toEqual({ reminder: undefined });
    expect(reminderAfterAnswer(goal(), 2)).toBeUndefined();
    expect(weekSettled(anAnswer(1, 0))).toBe(true);
    expect(weekSettled({ week: 1, paused: true, source: 'reply', updatedAt: '' })).toBe(true);
    expect(weekSettled({ week: 1, joker: true, source: 'click', updatedAt: '' })).toBe(true);
    expect(weekSettled({ week: 1, note: 'busy', source: 'reply', updatedAt: '' })).toBe(false);
    expect(weekSettled(undefined)).toBe(false);
  });
});

describe('the mid-period email', () => {
  const sentAt = new Date('2026-03-27T14:00:00Z');
  it('is due 26 hours after the first check-in past halfway, for goals of 4 weeks or more, unless turned off', () => {
    expect(midWeek({ weeks: 6 })).toBe(4);
    expect(midWeek({ weeks: 13 })).toBe(7);
    expect(midReportAfterCheckin(aGoal({ weeks: 6 }), 4, sentAt)).toEqual({ midReport: { week: 4, dueAt: '2026-03-28T16:00:00.000Z' } });
    expect(midReportAfterCheckin(aGoal({ weeks: 6 }), 3, sentAt)).toEqual({});
    expect(midReportAfterCheckin(aGoal({ weeks: 3 }), 2, sentAt)).toEqual({});
    expect(midReportAfterCheckin(aGoal({ weeks: 6, midReportOff: true }), 4, sentAt)).toEqual({});
  });
});

describe('the check-in reminder’s buttons', () => {
  it('offer "N or more" by the week’s own target, not one changed for a later week', () => {
    // Changed from 2 to 5 a week just after week 1's check-in: from week 3 on; week 1 keeps 2.
    const terms = { text: 'Meet 2 people a week', weeks: 3 };
    const changed = goal({ locale: 'en', targetPerWeek: 5, changes: [{ at: '2026-03-06T15:00:00.000Z', fromWeek: 3, from: { ...terms, perWeek: 2 }, to: { ...terms, perWeek: 5 }, easier: false, late: false }] });
    const email = checkinReminderEmail(exampleConfig, changed, 1, new Date('2026-03-07T14:00:00Z'));
    expect(email.text).toContain('3 or more');
    expect(email.text).not.toContain('6 or more');
  });
});
