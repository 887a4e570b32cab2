// What the emails say, read as a person would: results in sentences, not "4 of 2"; the verdict with its
// rule and margin; a missed goal not dressed in success green; the owner's name once; the address where
// there is no name, never "ola@example.com's"; the confirm link in the text part only.
import { describe, expect, it } from 'vitest';
import { buddyFinalEmail, buddyWeeklyEmail } from '../../functions/core/buddy/buddy-emails.js';
import { light } from '../../templates/palette.js';
import { confirmEmail } from '../../functions/core/goals/sign-up.js';
import { finalReportEmail } from '../../functions/core/weekly/final-report.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';

const now = new Date('2026-06-05T13:00:00Z');
const buddy = { email: 'kari@example.com', name: 'Kari', status: 'accepted' as const, invitation: 1 };
const named = aGoal({ locale: 'en', ownerName: 'Ola Nordmann', buddy, weeks: 13 });
/** 24 of 26: 2 short. */
const short = Array.from({ length: 12 }, (_, i) => anAnswer(i + 1, 2, { channel: i % 3 ? 'event' : 'linkedin' }));
/** 27 of 26: 1 more. */
const reached = [...short, anAnswer(13, 3, { channel: 'referral' })];

describe('the final report', () => {
  it('says a missed goal with its margin and the rule, in plain text colour', () => {
    const email = finalReportEmail(exampleConfig, named, short, now);
    expect(email.subject).toBe('Your 13 weeks are over: 24, 2 short of 26');
    expect(email.text).toContain('24 in 13 weeks — 2 short of the goal of 26.');
    expect(email.text).toContain('The goal counts as reached when the weeks add up to 26 in 13 weeks, or 2 a week on average.');
    expect(email.text).toContain('You reached the weekly target in 12 of 13 weeks, and answered 12 of them.');
    expect(email.text).toContain('Most came from events (16), then LinkedIn (8).');
    expect(email.html).toContain(`<p style="margin:0;font-weight:bold;color:${light.text}">24 in 13 weeks`);
    expect(email.html).not.toContain('class="k-verdict-reached"');
  });

  it('says a reached goal in green with a tick, not by colour alone', () => {
    const email = finalReportEmail(exampleConfig, named, reached, now);
    expect(email.subject).toBe('You reached your goal: 27 in 13 weeks');
    expect(email.html).toContain(`color:${light.accent}">✓ 27 in 13 weeks — 1 more than the goal of 26.</p>`);
    expect(email.text).toContain('and answered every week. Most came from events (16), then LinkedIn (8) and referrals (3).');
  });

  it('speaks of one week in the singular', () => {
    const email = finalReportEmail(exampleConfig, { ...named, weeks: 1 }, [anAnswer(1, 1)], now);
    expect(email.subject).toBe('Your week is over: 1, 1 short of 2');
    expect(email.text).toContain('1 in 1 week — 1 short of the goal of 2.');
  });

  it('writes bokmål as a person would', () => {
    const email = finalReportEmail(exampleConfig, { ...named, locale: 'nb' }, short, now);
    expect(email.subject).toBe('De 13 ukene er over: 24, 2 under målet på 26');
    expect(email.text).toContain('24 på 13 uker — 2 under målet på 26.');
    expect(email.text).toContain('Målet regnes som nådd når ukene til sammen blir 26 i 13 uker, eller 2 i uka i snitt.');
    expect(email.text).toContain('Mest kom fra arrangementer (16), deretter LinkedIn (8).');
  });
});

describe('the buddy’s emails', () => {
  it('give the week as a headline and a sentence, not "4 of 2", with the name in From only', () => {
    const email = buddyWeeklyEmail(exampleConfig, named, buddy, 4, [anAnswer(3, 2), anAnswer(4, 1)], now);
    expect(email.subject).toBe('Week 4 of 13: 1 this week, 1 short of 2');
    expect(email.fromName).toBe('Ola Nordmann via Kompis');
    expect(email.html).toContain('<h1 style="margin: 0; font-size: 24px; line-height: 30px; font-weight: bold; color: #1f2933;">Week 4: 1 short of the target</h1>');
    expect(email.text).toContain('Ola Nordmann reported 1 this week; the weekly target is 2.');
  });

  it('count a streak from two weeks, and say nothing of a streak of one', () => {
    const two = buddyWeeklyEmail(exampleConfig, named, buddy, 2, [anAnswer(1, 2), anAnswer(2, 3)], now);
    expect(two.text).toContain('That makes 2 weeks in a row on target.');
    const one = buddyWeeklyEmail(exampleConfig, named, buddy, 2, [anAnswer(2, 3)], now);
    expect(one.text).not.toMatch(/in a row/);
  });

  it('use the address where the owner gave no name, never as a possessive', () => {
    const nameless = { ...named, ownerName: undefined };
    const weekly = buddyWeeklyEmail(exampleConfig, nameless, buddy, 3, [], now);
    const final = buddyFinalEmail(exampleConfig, nameless, buddy, short, now);
    for (const email of [weekly, final]) {
      expect(`${email.subject}${email.text}`).not.toMatch(/ola@example\.com[’']s/);
      expect(email.fromName).toBeUndefined();
    }
    expect(weekly.text).toContain('ola@example.com hasn’t answered the check-in for week 3 yet.');
    expect(final.text).toContain('ola@example.com has finished the 13 weeks');
    expect(final.subject).toBe('The 13 weeks are over: 24, 2 short of 26');
  });

  it('keep the final subject short, with the name not in it at all', () => {
    for (const answers of [short, reached]) {
      const email = buddyFinalEmail(exampleConfig, named, buddy, answers, now);
      expect(email.subject.length).toBeLessThanOrEqual(45);
      expect(email.subject).not.toContain('Ola');
    }
  });
});

describe('the confirm email', () => {
  it('has the link behind its button only, and on a line of its own in the text part', () => {
    const goal = { ...named, status: 'pending' as const };
    const email = confirmEmail({ config: exampleConfig }, goal, now);
    const link = /https:\/\/kompis\.example\.com\/c\/\S+/.exec(email.text)![0];
    expect(email.html.split(link.replace(/&/g, '&amp;')).length - 1).toBe(1); // the button's href, not printed
    expect(email.text).toContain(`To confirm, open this link (it works for 7 days):\n${link}\n`);
  });
});
