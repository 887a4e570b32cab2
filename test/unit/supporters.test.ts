// Several supporters per goal (issue 20): what falls due for each, and how one supporter's change is put
// back in their own place without touching the others.
import { describe, expect, it } from 'vitest';
import type { Buddy, Goal } from '../../functions/core/goal.js';
import { findSupporter, patchFor, seenFor, supporterKey, supportersOf } from '../../functions/core/buddy/supporters.js';
import { reportAfterCheckin } from '../../functions/core/buddy/reports.js';
import { messagesFor } from '../../functions/core/weekly/tick.js';
import { aGoal } from '../helpers/factories.js';

const now = new Date('2026-03-06T14:00:00.000Z');
const goal = (overrides: Partial<Goal> = {}) => aGoal({ weeks: 3, nextWeek: 1, nextCheckinAt: '2026-03-13T14:00:00.000Z', ...overrides });
const kari: Buddy = { email: 'kari@example.com', name: 'Kari', status: 'accepted', invitation: 1 };
const per: Buddy = { id: 'sper', email: 'per@example.com', name: 'Per', status: 'invited', invitation: 2, remindAt: '2026-03-05T00:00:00.000Z' };
const lise: Buddy = { id: 'slise', email: 'lise@example.com', status: 'not-invited', invitation: 3, inviteAt: '2026-03-06T13:00:00.000Z' };

describe('several supporters: the list', () => {
  it('reads a goal with only `buddy` (as stored before issue 20) as one supporter, and an empty goal as none', () => {
    expect(supportersOf(goal({ buddy: kari }))).toEqual([kari]);
    expect(supportersOf(goal())).toEqual([]);
    expect(supportersOf(goal({ buddy: kari, supporters: [per, lise] })).map((b) => b.email)).toEqual([kari.email, per.email, lise.email]);
  });

  it('finds a supporter by address, and by id when a link names one', () => {
    const g = goal({ buddy: kari, supporters: [per] });
    expect(findSupporter(g, per.email)).toBe(per);
    expect(findSupporter(g, per.email, 'sper')).toBe(per);
    expect(findSupporter(g, per.email, 'other')).toBeUndefined();
    expect(findSupporter(g, kari.email, 'sper')).toBeUndefined();
  });
});

describe('several supporters: what falls due', () => {
  it('each supporter’s invitation and reminder, by their own invitation number', () => {
    const messages = messagesFor(goal({ buddy: kari, supporters: [per, lise] }), now).map((m) => [m.kind, m.week]);
    expect(messages).toContainEqual(['buddy-reminder', 2]);
    expect(messages).toContainEqual(['buddy-invite', 3]);
  });

  it('a weekly report when any supporter said yes, none when nobody has', () => {
    expect(reportAfterCheckin(goal({ supporters: [{ ...per, status: 'accepted' }] }), 1, now)).toHaveProperty('buddyReport');
    expect(reportAfterCheckin(goal({ buddy: { ...kari, status: 'invited' }, supporters: [per] }), 1, now)).toEqual({});
  });

  it('gives each added supporter their own sent markers; the first keeps the markers of before', () => {
    expect(supporterKey({ week: 2, kind: 'buddy-report' }, kari)).toEqual({ week: 2, kind: 'buddy-report' });
    expect(supporterKey({ week: 2, kind: 'react-applause' }, per)).toEqual({ week: 2, kind: 'react-applause_sper' });
  });
});

describe('several supporters: one supporter’s change in their own place', () => {
  const whole = goal({ buddy: kari, supporters: [per, lise], buddyReport: { week: 1, dueAt: '2026-03-08T14:00:00.000Z' } });

  it('shows the one-buddy code the supporter it works on', () => {
    expect(seenFor(whole, 'sper').buddy).toBe(per);
    expect(seenFor(whole, undefined)).toBe(whole);
    expect(seenFor(whole, 'gone').buddy).toBeUndefined();
  });

  it('changes only that supporter', () => {
    const patch = patchFor(whole, 'sper', { buddy: { ...per, status: 'accepted' } });
    expect(patch.supporters).toEqual([{ ...per, status: 'accepted' }, lise]);
    expect('buddy' in patch).toBe(false);
  });

  it('keeps the pending weekly email when another supporter still said yes, and drops a leaver’s name', () => {
    const patch = patchFor(whole, 'sper', { buddy: undefined, buddyReport: undefined, pastBuddy: { name: 'Per', status: 'left' } });
    expect(patch).toEqual({ supporters: [lise] });
    const first = patchFor(goal({ buddy: kari, supporters: [per] }), undefined, { buddy: undefined, buddyReport: undefined });
    expect(first).toEqual({ buddy: undefined, buddyReport: undefined });
  });
});
