// Properties that must hold for any input: the token codec, the reply reader, the check-in schedule.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { InvalidToken, TokenExpired } from '../../functions/core/errors.js';
import { readAnswer } from '../../functions/core/replies/count.js';
import { newText } from '../../functions/core/replies/new-text.js';
import { checkinAt, firstCheckinDate, type Weekday } from '../../functions/core/schedule/checkins.js';
import { parseSigningKeys, signToken, tokenPurposes, verifyToken } from '../../functions/core/tokens/tokens.js';

const keys = parseSigningKeys('k1:0123456789abcdef0123456789abcdef0123456789');
const now = new Date('2026-03-02T09:00:00Z');

const claims = fc.record({
  purpose: fc.constantFrom(...tokenPurposes),
  subject: fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 3 }),
  expiresAt: fc.integer({ min: Math.floor(now.getTime() / 1000) + 1, max: 4_000_000_000 }),
  week: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  value: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
});

describe('tokens, for any claims', () => {
  it('give back exactly what was signed', () => {
    fc.assert(
      fc.property(claims, (c) => {
        const clean = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
        expect(verifyToken(keys, signToken(keys, c), c.purpose, now)).toEqual(clean);
      }),
    );
  });

  it('refuse any single changed character', () => {
    fc.assert(
      fc.property(claims, fc.nat(), fc.constantFrom(...'ABCxyz019-_.'), (c, at, ch) => {
        const token = signToken(keys, c);
        const i = at % token.length;
        fc.pre(token[i] !== ch);
        const changed = token.slice(0, i) + ch + token.slice(i + 1);
        expect(() => verifyToken(keys, changed, c.purpose, now)).toThrow(InvalidToken);
      }),
    );
  });

  it('never throw anything but InvalidToken or TokenExpired on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (junk) => {
        try {
          verifyToken(keys, junk, 'record', now);
        } catch (error) {
          expect(error instanceof InvalidToken || error instanceof TokenExpired).toBe(true);
        }
      }),
    );
  });
});

describe('the reply reader, for any text', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        readAnswer(newText(text));
      }),
    );
  });

  it('never reads a number from quoted text', () => {
    // New words without digits or number words (no vowels), then a quote full of numbers.
    fc.assert(
      fc.property(fc.stringMatching(/^[bcdfghjklmnpqrstvwxz ,!]{0,60}$/), fc.integer({ min: 0, max: 1000 }), (words, quoted) => {
        const text = newText(`${words}\n\n> Uke 1 av 3.\n> ${quoted}: https://kompis.example.com/r/x\n> ${quoted + 1} eller flere\n`);
        expect(readAnswer(text).count).toBeNull();
      }),
    );
  });
});

describe('the schedule, for any zone, weekday, hour and moment', () => {
  const zones = ['Europe/Oslo', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'America/Sao_Paulo', 'UTC'];
  it('puts every check-in in the future, on the chosen weekday, at the chosen hour (or just after, when DST skips it)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 52 }),
        (timeZone, weekday, hour, from, week) => {
          const schedule = { weekday: weekday as Weekday, hour, timeZone };
          const first = firstCheckinDate(from, schedule);
          const at = checkinAt(first, week, schedule);
          expect(at.getTime()).toBeGreaterThan(from.getTime());
          const local = DateTime.fromJSDate(at, { zone: timeZone });
          expect(local.weekday).toBe(weekday);
          expect(local.minute).toBe(0);
          expect([hour, hour + 1]).toContain(local.hour); // hour+1 only on a spring-forward day
        },
      ),
    );
  });
});
