// The goal page signs each week link once per process (links/link-cache.ts): what is handed out again must be
// the very link a fresh signature would give — same claims, same lifetime — and anything that changes a
// claim (a sign-out, a new schedule, another key) must give a new one.
import { describe, expect, it } from 'vitest';
import { weekPagePaths } from '../../functions/core/links/links.js';
import { finalReportAt } from '../../functions/core/schedule/checkins.js';
import { parseSigningKeys, verifyToken } from '../../functions/core/tokens/tokens.js';
import { aGoal, exampleConfig } from '../helpers/factories.js';

const now = new Date('2026-04-20T09:00:00Z');
const later = new Date('2026-04-21T17:30:00Z');
const tokenOf = (path: string) => path.slice('/w/'.length);
const claimsOf = (path: string, keys = exampleConfig.keys) => verifyToken(keys, tokenOf(path), 'week', now);
const goalEnd = (goal = aGoal()) =>
  Math.floor(finalReportAt(goal.firstCheckinDate!, goal.weeks, { weekday: goal.checkinWeekday, hour: goal.checkinHour, timeZone: goal.timeZone }).getTime() / 1000) + 86_400;

describe('week links on the goal page', () => {
  it('hands the same link to a later view, with the claims and the lifetime a fresh one has: the goal’s end and a day', () => {
    const goal = aGoal({ linkGeneration: 2 });
    const first = weekPagePaths(exampleConfig, goal, now)(3);
    expect(weekPagePaths(exampleConfig, goal, later)(3)).toBe(first);
    expect(claimsOf(first)).toEqual({ purpose: 'week', subject: [goal.owner, goal.id], week: 3, generation: 2, expiresAt: goalEnd(goal) });
    expect(claimsOf(weekPagePaths(exampleConfig, goal, now)(4)).week).toBe(4);
  });

  it('signs afresh when a claim changes: a sign-out, a new schedule, another goal, another key', () => {
    const goal = aGoal();
    const path = weekPagePaths(exampleConfig, goal, now)(3);
    const signedOut = weekPagePaths(exampleConfig, { ...goal, linkGeneration: 1 }, now)(3);
    expect(claimsOf(signedOut).generation).toBe(1);
    expect(claimsOf(path).generation).toBeUndefined();
    const moved = { ...goal, checkinHour: 18 };
    expect(claimsOf(weekPagePaths(exampleConfig, moved, now)(3)).expiresAt).toBe(goalEnd(moved));
    expect(goalEnd(moved)).not.toBe(goalEnd(goal));
    expect(claimsOf(weekPagePaths(exampleConfig, { ...goal, id: '01M8DJ1J0DXM1G8Q8TBPQJ0YT0' }, now)(3)).subject[1]).toBe('01M8DJ1J0DXM1G8Q8TBPQJ0YT0');
    const otherKeys = parseSigningKeys('k1:another-secret-another-secret-another-secret');
    const other = weekPagePaths({ ...exampleConfig, keys: otherKeys }, goal, now)(3);
    expect(claimsOf(other, otherKeys).week).toBe(3);
    expect(() => claimsOf(other)).toThrow();
  });

  it('keeps a goal not yet started counting its weeks from the moment of the view, as before', () => {
    const pending = aGoal({ status: 'pending', firstCheckinDate: undefined, nextWeek: undefined });
    const atNow = claimsOf(weekPagePaths(exampleConfig, pending, now)(1));
    const atLater = verifyToken(exampleConfig.keys, tokenOf(weekPagePaths(exampleConfig, pending, later)(1)), 'week', later);
    expect(atLater.expiresAt - atNow.expiresAt).toBe((later.getTime() - now.getTime()) / 1000);
  });
});
