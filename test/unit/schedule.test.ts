import { describe, expect, it } from 'vitest';
import { checkinAt, firstCheckinDate, type CheckinSchedule } from '../../functions/core/schedule/checkins.js';

const oslo: CheckinSchedule = { weekday: 5, hour: 15, timeZone: 'Europe/Oslo' };

describe('check-in schedule', () => {
  it('puts the first check-in on the chosen weekday at least three days after confirming', () => {
    // Monday 2 March 2026 → Friday 6 March
    expect(firstCheckinDate(new Date('2026-03-02T09:00:00Z'), oslo)).toBe('2026-03-06');
    // Wednesday 4 March 10:00 → Friday is under three days away → Friday 13 March
    expect(firstCheckinDate(new Date('2026-03-04T09:00:00Z'), oslo)).toBe('2026-03-13');
    // Tuesday 3 March 14:00 Oslo: Friday 15:00 is 3 days and 1 hour later
    expect(firstCheckinDate(new Date('2026-03-03T13:00:00Z'), oslo)).toBe('2026-03-06');
  });

  it('keeps 15:00 Oslo time across the spring-forward change (UTC offset +1 → +2)', () => {
    const first = '2026-03-20'; // Friday before DST starts on Sunday 29 March
    expect(checkinAt(first, 1, oslo).toISOString()).toBe('2026-03-20T14:00:00.000Z');
    expect(checkinAt(first, 2, oslo).toISOString()).toBe('2026-03-27T14:00:00.000Z');
    expect(checkinAt(first, 3, oslo).toISOString()).toBe('2026-04-03T13:00:00.000Z');
  });

  it('keeps 15:00 Oslo time across the fall-back change (UTC offset +2 → +1)', () => {
    const first = '2026-10-16';
    expect(checkinAt(first, 2, oslo).toISOString()).toBe('2026-10-23T13:00:00.000Z');
    expect(checkinAt(first, 3, oslo).toISOString()).toBe('2026-10-30T14:00:00.000Z');
  });

  it('moves an hour that does not exist on the spring-forward day by the gap, and only that week', () => {
    const sunday: CheckinSchedule = { weekday: 7, hour: 2, timeZone: 'Europe/Oslo' };
    // 02:00 on 29 March 2026 does not exist in Oslo; it becomes 03:00 local (01:00 UTC).
    expect(checkinAt('2026-03-22', 2, sunday).toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // The next Sunday is back at 02:00 local (00:00 UTC).
    expect(checkinAt('2026-03-22', 3, sunday).toISOString()).toBe('2026-04-05T00:00:00.000Z');
  });

  it('uses the owner’s zone, not the server’s: New York and Kolkata', () => {
    const ny: CheckinSchedule = { weekday: 1, hour: 9, timeZone: 'America/New_York' };
    // US DST starts 8 March 2026: 09:00 EST = 14:00Z, 09:00 EDT = 13:00Z
    expect(checkinAt('2026-03-02', 1, ny).toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(checkinAt('2026-03-02', 2, ny).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    const kolkata: CheckinSchedule = { weekday: 5, hour: 18, timeZone: 'Asia/Kolkata' };
    expect(checkinAt('2026-03-06', 1, kolkata).toISOString()).toBe('2026-03-06T12:30:00.000Z');
  });

  it('finds the first weekday in the owner’s zone even when it is another day in UTC', () => {
    // Sunday 1 March 23:30 UTC is already Monday 2 March 08:30 in Tokyo: three days on is Thursday
    // 08:30, past Thursday 08:00, so the first check-in is the Thursday after. Counted in UTC it would be 5 March.
    const tokyo: CheckinSchedule = { weekday: 4, hour: 8, timeZone: 'Asia/Tokyo' };
    expect(firstCheckinDate(new Date('2026-03-01T23:30:00Z'), tokyo)).toBe('2026-03-12');
  });
});
