import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { buttonValues } from '../../functions/core/weekly/checkin-email.js';
import { advanceAfterCheckin, reanchor, resumePatch } from '../../functions/core/goals/schedule-changes.js';
import { createPacer } from '../../functions/core/emails/send-rate.js';
import { messagesFor } from '../../functions/core/weekly/tick.js';
import { aGoal } from '../helpers/factories.js';

const goal = (overrides: Partial<Goal> = {}) =>
  aGoal({ weeks: 3, nextWeek: 1, nextCheckinAt: '2026-03-06T14:00:00.000Z', ...overrides });

describe('check-in buttons', () => {
  it('offer every count up to target+1 for small targets', () => {
    expect(buttonValues(1)).toEqual([0, 1, 2]);
    expect(buttonValues(9)).toHaveLength(11);
  });
  it('offer a spread for large targets, always 0, the target and target+1', () => {
    expect(buttonValues(20)).toEqual([0, 5, 10, 15, 20, 21]);
    expect(buttonValues(100)).toEqual([0, 25, 50, 75, 100, 101]);
  });
});

describe('moving a goal on', () => {
  it('goes to the next week after a check-in, and to the final report 48 hours after the last one', () => {
    expect(advanceAfterCheckin(goal(), 1)).toEqual({ nextWeek: 2, nextCheckinAt: '2026-03-13T14:00:00.000Z' });
    expect(advanceAfterCheckin(goal({ nextWeek: 3 }), 3)).toEqual({ nextWeek: 4, nextCheckinAt: '2026-03-22T14:00:00.000Z' });
  });

  it('does nothing when the goal has already moved past that week', () => {
    expect(advanceAfterCheckin(goal({ nextWeek: 2 }), 1)).toBeUndefined();
  });

  it('re-anchors so the given week lands on the next slot and later weeks follow weekly', () => {
    const patch = reanchor(new Date('2026-03-24T10:00:00Z'), 2, { weekday: 5, hour: 15, timeZone: 'Europe/Oslo' }, 12);
    expect(patch).toEqual({ firstCheckinDate: '2026-03-20', nextCheckinAt: '2026-03-27T14:00:00.000Z' });
  });

  it('resumes the week that was next, no sooner than 12 hours after a click', () => {
    const paused = goal({ status: 'paused', nextWeek: 2, pausedAt: '2026-03-08T10:00:00Z', pauseReason: 'owner' });
    // Friday 10:00 Oslo: 15:00 today is under 12 hours away → next Friday.
    expect(resumePatch(paused, new Date('2026-03-20T09:00:00Z'))).toMatchObject({
      status: 'active',
      pausedAt: undefined,
      pauseReason: undefined,
      nextCheckinAt: '2026-03-27T14:00:00.000Z',
    });
    expect(resumePatch(paused, new Date('2026-03-20T09:00:00Z'), 0).nextCheckinAt).toBe('2026-03-20T14:00:00.000Z');
  });
});

describe('what the tick enqueues', () => {
  const now = new Date('2026-03-06T14:00:00Z');
  it('a check-in for an active goal, a final report past the last week, a resume for a paused goal due back', () => {
    expect(messagesFor(goal(), now)).toMatchObject([{ kind: 'checkin', week: 1 }]);
    expect(messagesFor(goal({ nextWeek: 4 }), now)).toMatchObject([{ kind: 'final', week: 4 }]);
    expect(messagesFor(goal({ status: 'paused', resumeAt: '2026-03-06T00:00:00Z' }), now)).toMatchObject([{ kind: 'resume' }]);
  });
  it('nothing for a paused goal not yet due back, or a finished one', () => {
    expect(messagesFor(goal({ status: 'paused', resumeAt: '2026-03-07T00:00:00Z' }), now)).toEqual([]);
    expect(messagesFor(goal({ status: 'completed' }), now)).toEqual([]);
  });

  it('a buddy reminder and a buddy report when they are due, beside the check-in', () => {
    const buddy = { email: 'kari@example.com', status: 'invited' as const, invitation: 1, remindAt: '2026-03-05T00:00:00Z' };
    expect(messagesFor(goal({ buddy }), now).map((m) => [m.kind, m.week])).toEqual([
      ['checkin', 1],
      ['buddy-reminder', 1],
    ]);
    const accepted = { email: 'kari@example.com', status: 'accepted' as const, invitation: 1 };
    const waiting = goal({ buddy: accepted, nextCheckinAt: '2026-03-13T14:00:00Z', nextWeek: 2, buddyReport: { week: 1, dueAt: '2026-03-06T13:00:00Z' } });
    expect(messagesFor(waiting, now).map((m) => [m.kind, m.week])).toEqual([['buddy-report', 1]]);
    expect(messagesFor({ ...waiting, buddy: { ...accepted, status: 'invited' } }, now)).toEqual([]);
  });

  // Found by the fault test: both fell due at once, the final report completed the goal first and the
  // last week's buddy report was never sent.
  it('the last week’s buddy report before the final report, which waits for the next tick', () => {
    const accepted = { email: 'kari@example.com', status: 'accepted' as const, invitation: 1 };
    const lastWeekUnreported = goal({ buddy: accepted, nextWeek: 4, buddyReport: { week: 3, dueAt: '2026-03-06T14:00:00.000Z' } });
    expect(messagesFor(lastWeekUnreported, now).map((m) => [m.kind, m.week])).toEqual([['buddy-report', 3]]);
    expect(messagesFor({ ...lastWeekUnreported, buddyReport: undefined }, now).map((m) => [m.kind, m.week])).toEqual([['final', 4]]);
    // A buddy who left has no report coming: the final report does not wait for one.
    expect(messagesFor({ ...lastWeekUnreported, buddy: { ...accepted, status: 'left' } }, now).map((m) => m.kind)).toEqual(['final']);
  });
});

describe('the send pacer', () => {
  it('spaces sends at the allowed rate', async () => {
    let clock = 0;
    const waits: number[] = [];
    const pacer = createPacer(
      4,
      () => clock,
      async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    );
    for (let i = 0; i < 5; i++) await pacer.next();
    expect(waits).toEqual([250, 250, 250, 250]);
    expect(clock).toBe(1000);
  });
});
