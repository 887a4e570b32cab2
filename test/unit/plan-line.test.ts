// "plan: …" lines in replies: the day and hour in bokmål and English, the words, and never the count.
import { describe, expect, it } from 'vitest';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { findPlan, readPlan } from '../../functions/core/replies/plan-line.js';
import { nextPlanTime } from '../../functions/core/weekly/plan.js';
import { gmailReplyNb, rawMail } from '../helpers/mail.js';

describe('a plan line', () => {
  it.each([
    ['tor 08 kaffe med 2 CFO-er', { weekday: 4, hour: 8, minute: 0, text: 'kaffe med 2 CFO-er' }],
    ['torsdag kl. 8.30 kaffe med Per', { weekday: 4, hour: 8, minute: 30, text: 'kaffe med Per' }],
    ['Thu 08:00 coffee with 2 CFOs from the referral list', { weekday: 4, hour: 8, minute: 0, text: 'coffee with 2 CFOs from the referral list' }],
    ['on Friday at 2pm - call three leads', { weekday: 5, hour: 14, minute: 0, text: 'call three leads' }],
    ['mandag 14 lunsj med en investor', { weekday: 1, hour: 14, minute: 0, text: 'lunsj med en investor' }],
    ['Sun 12am plan the week', { weekday: 7, hour: 0, minute: 0, text: 'plan the week' }],
  ])('reads %j', (line, plan) => {
    expect(readPlan(line)).toEqual(plan);
  });

  it.each(['coffee with 2 CFOs', 'tor 25 kaffe', 'someday 08 coffee', 'Thu 8:75 coffee'])('keeps %j as words only, without a time', (line) => {
    expect(readPlan(line)).toEqual({ text: line });
  });

  it('is a line that starts with "plan:", taken out of the text', () => {
    expect(findPlan('3 denne uka\nplan: tor 08 kaffe med 2 CFO-er\nMvh Rita')).toEqual({
      plan: { weekday: 4, hour: 8, minute: 0, text: 'kaffe med 2 CFO-er' },
      rest: '3 denne uka\n\nMvh Rita',
    });
    expect(findPlan('The plan is to meet 2')).toBeUndefined();
  });

  it('never gives the count in a reply: the number is the week’s, the plan keeps its own', async () => {
    const reply = await parseReply(await rawMail({ from: 'rita@example.no', to: 'checkin@in.kompis.example.com', text: gmailReplyNb('3\nplan: tor 08 kaffe med 2 CFO-er') }));
    expect(reply).toMatchObject({ count: 3, plan: { weekday: 4, hour: 8, text: 'kaffe med 2 CFO-er' } });
    const only = await parseReply(await rawMail({ from: 'rita@example.no', to: 'checkin@in.kompis.example.com', text: gmailReplyNb('Plan: Thu 08 coffee with 2 CFOs') }));
    expect(only).toMatchObject({ count: null, plan: { weekday: 4, hour: 8 } });
    expect(only.ask).toBeUndefined();
  });
});

describe('the time of a plan', () => {
  it('is the next such day and hour in the owner’s zone, across a DST change', () => {
    // Friday 6 March 2026 15:30 Oslo → Thursday 12 March 08:00 Oslo (07:00 UTC).
    expect(nextPlanTime({ timeZone: 'Europe/Oslo' }, 4, 8, 0, new Date('2026-03-06T14:30:00Z')).toISOString()).toBe('2026-03-12T07:00:00.000Z');
    // Friday 27 March → Monday 30 March 08:00 Oslo, after the clocks went forward (06:00 UTC).
    expect(nextPlanTime({ timeZone: 'Europe/Oslo' }, 1, 8, 0, new Date('2026-03-27T14:30:00Z')).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // Same weekday, later hour: today; earlier hour: next week.
    expect(nextPlanTime({ timeZone: 'America/New_York' }, 5, 18, 0, new Date('2026-03-06T14:30:00Z')).toISOString()).toBe('2026-03-06T23:00:00.000Z');
    // (New York moves its clocks on 8 March: 08:00 on the 13th is 12:00 UTC.)
    expect(nextPlanTime({ timeZone: 'America/New_York' }, 5, 8, 0, new Date('2026-03-06T14:30:00Z')).toISOString()).toBe('2026-03-13T12:00:00.000Z');
  });
});
