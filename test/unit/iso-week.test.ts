// isoWeek is UTC arithmetic (the web function's cold start carries no luxon for it); luxon, still the
// schedule's library, is the reference it must agree with at every instant, year ends and leap years included.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isoWeek } from '../../functions/core/emails/message-key.js';

const byLuxon = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' }).toFormat("kkkk-'W'WW");

describe('isoWeek', () => {
  it('names the ISO week luxon names, for any instant from 1971 to 2200', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        expect(isoWeek(date)).toBe(byLuxon(date));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2027-01-01T12:00:00Z', '2026-W53'],
    ['2024-12-30T00:00:00Z', '2025-W01'],
    ['2026-03-08T23:59:59Z', '2026-W10'],
  ])('%s is in %s (weeks that straddle a year end)', (instant, week) => {
    expect(isoWeek(new Date(instant))).toBe(week);
  });
});
