// Every kind of email Kompis sends, as raw MIME: text and HTML alternatives, Message-ID and Date, the
// language set, layout tables marked as presentation, under 100 KB, marked as automatic, and a Reply-To
// that reaches the inbound path. Answers to received mail thread under it (In-Reply-To, References) with
// "Re: <the subject replied to>".
import type { SESClient } from '@aws-sdk/client-ses';
import { describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { buddyFinalEmail, buddyWeeklyEmail, invitationEmail, ownerNotice } from '../../functions/core/buddy/buddy-emails.js';
import { linkEmail } from '../../functions/core/emails/link-email.js';
import { goalPageUrl, stepUpUrl } from '../../functions/core/links/links.js';
import { isInboundAddress } from '../../functions/core/inbound/inbound.js';
import { ownerAnswer, shortAnswer } from '../../functions/core/inbound/answers.js';
import type { OutgoingEmail } from '../../functions/core/ports.js';
import { verifyToken } from '../../functions/core/tokens/tokens.js';
import { checkinEmail } from '../../functions/core/weekly/checkin-email.js';
import { checkinReminderEmail } from '../../functions/core/weekly/checkin-reminder.js';
import { planEmail } from '../../functions/core/weekly/plan.js';
import { midReportEmail } from '../../functions/core/weekly/mid-report.js';
import { finalReportEmail } from '../../functions/core/weekly/final-report.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';

const now = new Date('2026-04-24T13:00:00Z');
const mailer = new SesMailer({} as SESClient, { from: 'Kompis <coach@kompis.example.com>', messageIdDomain: 'kompis.example.com' });
const buddy = { email: 'kari@example.com', name: 'Kari', status: 'accepted' as const, invitation: 1 };
const answers = [anAnswer(1, 2), anAnswer(2, 1, { note: 'slow' }), anAnswer(3, 3, { channel: 'event' })];

const received = { messageId: '<CA+reply.7@mail.example.no>', references: ['<0107019c.checkin@eu-north-1.amazonses.com>'], subject: 'Re: Week 4 of 13: how many this week?' };

const answersToMail = (locale: 'nb' | 'en'): [string, OutgoingEmail][] => {
  const goal = aGoal({ locale, buddy, nextWeek: 4 });
  const content = (heading: string) => ({ heading, body: 'Body.' });
  return [
    ['read-back: recorded', ownerAnswer(exampleConfig, goal, 3, received, content('Recorded 3 for week 3'), now)],
    ['read-back: ask', ownerAnswer(exampleConfig, goal, 3, received, content('How many in week 3?'), now)],
    ['read-back: paused', ownerAnswer(exampleConfig, goal, 3, received, { ...content('Check-ins paused'), link: { label: 'Undo', url: 'https://kompis.example.com/g/x' } }, now)],
    ['read-back: resumed', ownerAnswer(exampleConfig, goal, 0, received, content('Check-ins resumed'), now)],
    ['read-back: stopped', ownerAnswer(exampleConfig, goal, 3, received, content('Check-ins stopped'), now)],
    ['answer to another address', shortAnswer(exampleConfig, goal, 'other@example.org', locale, received, content('This goal belongs to another address'), now)],
  ];
};

const kinds = (locale: 'nb' | 'en'): [string, OutgoingEmail, boolean][] => {
  const goal = aGoal({ locale, buddy, nextWeek: 4 });
  return [
    ['check-in', checkinEmail(exampleConfig, goal, 4, answers, now), true],
    ['check-in reminder', checkinReminderEmail(exampleConfig, goal, 3, now), true],
    ['mid-period report', midReportEmail(exampleConfig, goal, 3, answers, now), true],
    ['plan', planEmail(exampleConfig, goal, { week: 4, weekday: 4, hour: 8, minute: 0, email: true, text: 'coffee with 2 CFOs' }, now), true],
    ['final report', finalReportEmail(exampleConfig, goal, answers, now), true],
    ['buddy invitation', invitationEmail(exampleConfig, goal, { ...buddy, status: 'invited' }, 'buddy-invite', now), false],
    ['buddy reminder', invitationEmail(exampleConfig, goal, { ...buddy, status: 'invited' }, 'buddy-reminder', now), false],
    ['buddy weekly', buddyWeeklyEmail(exampleConfig, goal, buddy, 3, answers, now), true],
    ['buddy final', buddyFinalEmail(exampleConfig, goal, buddy, answers, now), true],
    ['reaction relayed', ownerNotice(exampleConfig, goal, 'reaction', { buddy: 'Kari', reaction: '👏', week: 3 }, now, 'Well done!'), false],
    ['goal page link', linkEmail(exampleConfig, goal.owner, locale, 'goal', goalPageUrl(exampleConfig, goal, now), {}, now, goal), false],
    ['signed out', linkEmail(exampleConfig, goal.owner, locale, 'signedOut', goalPageUrl(exampleConfig, goal, now), {}, now, goal), false],
    ...(['export', 'erase', 'buddy-change'] as const).map(
      (action): [string, OutgoingEmail, boolean] => [`step-up ${action}`, linkEmail(exampleConfig, goal.owner, locale, action, stepUpUrl(exampleConfig, goal, action, now), { buddy: 'Kari' }, now, goal), false],
    ),
    ['forget me', linkEmail(exampleConfig, 'kari@example.com', locale, 'forget', 'https://kompis.example.com/s/forget/x', {}, now, goal), false],
  ];
};

describe.each(['nb', 'en'] as const)('every email kind in %s', (locale) => {
  it.each(kinds(locale))('%s is well-formed and deliverable', async (_, email, isList) => {
    const raw = (await mailer.compose(email)).toString('utf8');
    const head = raw.split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(head).toMatch(/^Message-ID: <[^>]+@kompis\.example\.com>$/m);
    expect(head).toMatch(/^Date: /m);
    expect(head).toMatch(/^Auto-Submitted: auto-generated$/m);
    // Replies to any Kompis email come back to it: the From mailbox receives nothing.
    expect(isInboundAddress(email.replyTo ?? '', exampleConfig.inboundDomain)).toBe(true);
    expect(head.replace(/\r\n[ \t]+/g, ' ')).toMatch(/^Reply-To: Kompis <(checkin|reply)\+[a-z0-9.]+@in\.kompis\.example\.com>$/m);
    const unsubscribe = head.split('\r\n').filter((l) => l.startsWith('List-Unsubscribe:'));
    expect(unsubscribe).toHaveLength(isList ? 1 : 0);
    if (isList) expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(email.html).toContain(`<html lang="${locale}"`);
    expect(email.html).toContain('role="presentation"');
    expect(Buffer.byteLength(email.html)).toBeLessThan(100 * 1024);
    expect(email.text.trim().length).toBeGreaterThan(20);
    expect(`${email.subject}${email.html}${email.text}`).not.toMatch(/\{\{[\w:.]+\}\}/);
    // "Never email me again", in both parts, naming the address the email goes to.
    const never = /https:\/\/kompis\.example\.com\/n\/([\w-]+)\.[\w-]+\?lang=(nb|en)/.exec(email.text);
    expect(never?.[2]).toBe(locale);
    const token = never![0]!.split('/n/')[1]!.split('?')[0]!;
    expect(verifyToken(exampleConfig.keys, token, 'never', now).subject).toEqual([email.to]);
    expect(email.html).toContain(`href="${never![0]!.replace(/&/g, '&amp;')}"`);
  });
});

describe.each(['nb', 'en'] as const)('every answer to received mail in %s', (locale) => {
  it.each(answersToMail(locale))('%s threads under the message it answers', async (_, email) => {
    const raw = (await mailer.compose(email)).toString('utf8');
    // Folded header lines unfolded (RFC 5322 2.2.3), as a reader sees them.
    const head = raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(/^In-Reply-To: <CA\+reply\.7@mail\.example\.no>$/m);
    expect(head).toMatch(/^References: <0107019c\.checkin@eu-north-1\.amazonses\.com> <CA\+reply\.7@mail\.example\.no>$/m);
    expect(head).not.toContain('[object');
    expect(head).toMatch(/^Subject: Re: Week 4 of 13: how many this week\?$/m);
    expect(head).toMatch(/^Auto-Submitted: auto-replied$/m);
    expect(isInboundAddress(email.replyTo ?? '', exampleConfig.inboundDomain)).toBe(true);
    expect(`${email.html}${email.text}`).not.toMatch(/\{\{[\w:.]+\}\}/);
  });
});
