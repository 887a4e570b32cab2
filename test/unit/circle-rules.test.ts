// The circle's rules as plain functions: when the digest falls due, what a circle week's row shows, and the
// shared target's sum.
import { describe, expect, it } from 'vitest';
import { aGoal, anAnswer } from '../helpers/factories.js';
import { allAnswered, circleRows, memberOf, DIGEST_AFTER_HOURS, digestDueAt, nextCheckinAfter, nextWeekStart, sharedTotal, weekIn, type CircleMember } from '../../functions/core/circles/circle.js';

const member = (name: string, weeks: [number, string, number | null][], extra: Partial<CircleMember> = {}): CircleMember => ({
  circleId: 'C',
  goalId: `G-${name}`,
  owner: `${name}@example.com`,
  name,
  locale: 'nb',
  goalSentence: `${name} sin setning`,
  targetPerWeek: 2,
  goalStatus: 'active',
  schedule: { firstCheckinDate: '2026-03-06', weekday: 5, hour: 15, timeZone: 'Europe/Oslo', weeks: 8 },
  weeks: weeks.map(([week, checkinAt, count]) => ({ week, checkinAt, count, target: 2, onTarget: count === null ? null : count >= 2 })),
  streak: 0,
  joinedAt: '2026-03-02T09:00:00.000Z',
  ...extra,
});

const START = '2026-03-02T09:00:00.000Z';
const FRI1 = '2026-03-06T14:00:00.000Z';
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString();

describe('when the digest falls due', () => {
  it('waits 48 hours after the earliest check-in of the week while someone has not answered', () => {
    const members = [member('ola', [[1, FRI1, 3]]), member('kari', [])];
    expect(allAnswered(members, START)).toBe(false);
    expect(digestDueAt({ status: 'open', weekStart: START }, members, hoursAfter(FRI1, 1))).toBe(hoursAfter(FRI1, DIGEST_AFTER_HOURS));
  });

  it('falls due at once when every active member answered the week', () => {
    const now = hoursAfter(FRI1, 2);
    const members = [member('ola', [[1, FRI1, 3]]), member('kari', [[1, FRI1, 0]]), member('per', [], { goalStatus: 'paused' })];
    expect(digestDueAt({ status: 'open', weekStart: START }, members, now)).toBe(now);
  });

  it('never falls due for a closed circle, or one member alone', () => {
    const members = [member('ola', [[1, FRI1, 3]])];
    expect(allAnswered(members, START)).toBe(false);
    expect(digestDueAt({ status: 'closed', weekStart: START }, [...members, member('kari', [[1, FRI1, 1]])], hoursAfter(FRI1, 1))).toBeUndefined();
  });

  it('counts from the first check-in after the last digest, from the schedule', () => {
    const after = hoursAfter(FRI1, 3);
    expect(nextCheckinAfter(member('ola', []), after)).toBe('2026-03-13T14:00:00.000Z');
    expect(nextCheckinAfter(member('ola', [], { goalStatus: 'completed' }), after)).toBeUndefined();
  });
});

describe('a circle week as rows', () => {
  it('shows each member\'s week of this circle week, "no answer yet" for a check-in unanswered, nothing for a week not started', () => {
    const weekStart = hoursAfter(FRI1, 3);
    const fri2 = '2026-03-13T14:00:00.000Z';
    const members = [
      member('ola', [[1, FRI1, 3], [2, fri2, 1]], { joinedAt: START }),
      member('kari', [[1, FRI1, 2]], { joinedAt: hoursAfter(START, 1) }),
      member('per', [], { joinedAt: hoursAfter(START, 2), schedule: { firstCheckinDate: '2026-03-20', weekday: 5, hour: 15, timeZone: 'Europe/Oslo', weeks: 8 } }),
    ];
    const rows = circleRows(members, weekStart, hoursAfter(fri2, 1));
    expect(rows.map((r) => [r.name, r.count, r.noCheckin])).toEqual([
      ['ola', 1, false],
      ['kari', null, false],
      ['per', null, true],
    ]);
    expect(weekIn(members[0]!, weekStart, hoursAfter(fri2, 1))?.week).toBe(2);
  });
});

describe('the shared target', () => {
  it('sums every member\'s numbers since they joined, no answer counting as nothing', () => {
    const members = [member('ola', [[1, FRI1, 3], [2, '2026-03-13T14:00:00.000Z', null]]), member('kari', [[1, '2026-02-27T14:00:00.000Z', 9], [2, FRI1, 4]])];
    expect(sharedTotal(members)).toBe(7);
  });
});

describe('a jokered or paused week (attack r3 F2)', () => {
  it('counts as answered for "everyone answered", and its row says which', () => {
    const now = hoursAfter(FRI1, 2);
    const kari = member('kari', [[1, FRI1, null]]);
    kari.weeks[0]!.excused = 'joker';
    const members = [member('ola', [[1, FRI1, 3]]), kari];
    expect(allAnswered(members, START)).toBe(true);
    expect(digestDueAt({ status: 'open', weekStart: START }, members, now)).toBe(now);
    expect(circleRows(members, START, now).map((r) => [r.name, r.count, r.excused ?? null])).toEqual([
      ['ola', 3, null],
      ['kari', null, 'joker'],
    ]);
  });
});

describe('a member week after a change of the weekly number (attack r3 F2)', () => {
  it('is measured against that week\'s own target, and a joker is kept as such', () => {
    const terms = (perWeek: number) => ({ text: 'Møter', perWeek, weeks: 8 });
    const goal = aGoal({ targetPerWeek: 4, nextWeek: 4, changes: [{ at: '2026-03-15T10:00:00Z', fromWeek: 3, from: terms(2), to: terms(4), easier: false, late: false }] });
    const weeks = memberOf('C', goal, [anAnswer(1, 2), anAnswer(2, 0, { count: undefined, joker: true } as never), anAnswer(3, 4)], 'Ola', START).weeks;
    expect(weeks.map((w) => [w.week, w.target, w.onTarget, w.excused ?? null])).toEqual([
      [1, 2, true, null],
      [2, 2, null, 'joker'],
      [3, 4, true, null],
    ]);
  });
});

describe('members on different weekdays (attack F13)', () => {
  // Kari checks in Fridays 15:00, Per Mondays 09:00 (Oslo); the circle started on a Saturday.
  const kari = member('kari', [], { schedule: { firstCheckinDate: '2026-12-04', weekday: 5, hour: 15, timeZone: 'Europe/Oslo', weeks: 12 } });
  const per = member('per', [], { schedule: { firstCheckinDate: '2026-12-07', weekday: 1, hour: 9, timeZone: 'Europe/Oslo', weeks: 12 } });
  const CIRCLE_START = '2026-12-19T11:00:00.000Z';

  it('sends one digest a week, 48 hours after the last check-in of the week, with both members in it', () => {
    let weekStart = CIRCLE_START;
    const sentAt: string[] = [];
    for (let n = 0; n < 4; n++) {
      const due = digestDueAt({ status: 'open', weekStart }, [kari, per], weekStart)!;
      const rows = circleRows([kari, per], weekStart, due);
      expect(rows.map((r) => r.noCheckin)).toEqual([false, false]);
      sentAt.push(due);
      weekStart = nextWeekStart(weekStart, due);
    }
    // In each Saturday-to-Saturday window Kari's Friday 15:00 check-in is the last: the digest goes Sunday 15:00, every week.
    expect(sentAt).toEqual(['2026-12-27T14:00:00.000Z', '2027-01-03T14:00:00.000Z', '2027-01-10T14:00:00.000Z', '2027-01-17T14:00:00.000Z']);
  });

  it('waits for a member whose check-in of the week is still ahead, even when the others answered', () => {
    const kariAnswered = { ...kari, weeks: [{ week: 3, checkinAt: '2026-12-25T14:00:00.000Z', count: 2, target: 2, onTarget: true }] };
    expect(allAnswered([kariAnswered, per], CIRCLE_START)).toBe(false);
    const perAnswered = { ...per, weeks: [{ week: 3, checkinAt: '2026-12-21T08:00:00.000Z', count: 1, target: 2, onTarget: false }] };
    expect(allAnswered([kariAnswered, perAnswered], CIRCLE_START)).toBe(true);
  });

  it('a late digest moves the circle to the window it is sent in, never back', () => {
    expect(nextWeekStart(CIRCLE_START, '2026-12-20T00:00:00.000Z')).toBe('2026-12-26T11:00:00.000Z');
    expect(nextWeekStart(CIRCLE_START, '2027-01-03T12:00:00.000Z')).toBe('2027-01-02T11:00:00.000Z');
  });
});
