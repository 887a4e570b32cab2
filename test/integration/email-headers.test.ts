// The headers of every kind of email, in both languages, read from the raw MIME handed to SES (the local
// SES keeps no custom headers): From (with "Ola Nordmann via Kompis" on the owner's behalf), a named
// Reply-To, the Subject, one-click unsubscribe where the email is one of a series, Auto-Submitted,
// Message-ID, the threading of answers to received mail — and nothing a bug could leave there:
// "[object Object]", a placeholder, a line break.
import type { SESClient } from '@aws-sdk/client-ses';
import { simpleParser, type AddressObject } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { emailManifest, type EmailName } from '../../templates/emails/manifest.js';
import { everyEmailKind, type EmailKind, type KindedEmail } from '../helpers/every-email-kind.js';
import { testConfig } from '../helpers/deps.js';

interface Expected {
  /** The email of the manifest (templates/emails/manifest.ts) it is made from. */
  template: EmailName;
  /** Sent on the owner's behalf to someone else: From "<owner's name> via Kompis". */
  onBehalf?: 'owner' | 'buddy';
  /** One of a series: List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  list?: boolean;
  /** A reply reaches the goal's week: the signed check-in address. */
  checkinReplyTo?: boolean;
  /** RFC 3834: a read-back answers the owner's message, so "auto-replied" fits as well as "auto-generated". */
  autoSubmitted: 'auto-generated' | 'auto-replied' | 'either';
}

const expected: Record<EmailKind, Expected> = {
  'confirm-goal': { template: 'confirm-goal', autoSubmitted: 'auto-generated' },
  'email-signup': { template: 'email-signup', autoSubmitted: 'auto-replied' },
  'buddy-invite': { template: 'buddy-invite', onBehalf: 'owner', autoSubmitted: 'auto-generated' },
  'buddy-reminder': { template: 'buddy-reminder', onBehalf: 'owner', autoSubmitted: 'auto-generated' },
  checkin: { template: 'checkin', list: true, checkinReplyTo: true, autoSubmitted: 'auto-generated' },
  'checkin-reminder': { template: 'checkin-reminder', list: true, checkinReplyTo: true, autoSubmitted: 'auto-generated' },
  plan: { template: 'plan', list: true, autoSubmitted: 'auto-generated' },
  'mid-report': { template: 'mid-report', list: true, autoSubmitted: 'auto-generated' },
  'buddy-weekly': { template: 'buddy-weekly', onBehalf: 'owner', list: true, autoSubmitted: 'auto-generated' },
  'final-report': { template: 'final-report', list: true, autoSubmitted: 'auto-generated' },
  'buddy-final': { template: 'buddy-final', onBehalf: 'owner', list: true, autoSubmitted: 'auto-generated' },
  'notice-accepted': { template: 'notice', autoSubmitted: 'auto-generated' },
  'notice-declined': { template: 'notice', autoSubmitted: 'auto-generated' },
  'notice-left': { template: 'notice', autoSubmitted: 'auto-generated' },
  'notice-reaction': { template: 'notice', onBehalf: 'buddy', autoSubmitted: 'auto-generated' },
  'read-back-recorded': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'read-back-ask': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'read-back-paused': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'read-back-resumed': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'read-back-stopped': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'read-back-joker': { template: 'notice', checkinReplyTo: true, autoSubmitted: 'either' },
  'help-owner': { template: 'notice', autoSubmitted: 'auto-replied' },
  'help-buddy': { template: 'short-answer', autoSubmitted: 'auto-replied' },
  stranger: { template: 'short-answer', autoSubmitted: 'auto-replied' },
  'link-goal': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-signed-out': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-export': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-erase': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-buddy-change': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-forget': { template: 'link', autoSubmitted: 'auto-generated' },
  'my-goals': { template: 'my-goals', autoSubmitted: 'auto-generated' },
  // Circles (issue 20)
  'circle-digest': { template: 'circle-digest', list: true, autoSubmitted: 'auto-generated' },
  'notice-cheer': { template: 'notice', autoSubmitted: 'auto-generated' },
  'link-circle-invite': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-circle-join': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-circle-remove': { template: 'link', autoSubmitted: 'auto-generated' },
  'link-circle-close': { template: 'link', autoSubmitted: 'auto-generated' },
  'notice-circle-message': { template: 'notice', autoSubmitted: 'auto-generated' },
};

const mailer = new SesMailer({} as SESClient, { from: testConfig().from, messageIdDomain: 'kompis.example.com' });
const emails: Record<'nb' | 'en', KindedEmail[]> = { nb: [], en: [] };

beforeAll(async () => {
  [emails.nb, emails.en] = await Promise.all([everyEmailKind('nb'), everyEmailKind('en')]);
}, 120_000);

const firstMailbox = (field: AddressObject | AddressObject[] | undefined) => (Array.isArray(field) ? field[0] : field)?.value[0];

describe.each(['nb', 'en'] as const)('the headers of every kind of email in %s', (locale) => {
  it('covers every kind', () => {
    expect(emails[locale].map((e) => e.kind).sort()).toEqual(Object.keys(expected).sort());
  });

  it('covers every email of the manifest', () => {
    expect([...new Set(Object.values(expected).map((e) => e.template))].sort()).toEqual(Object.keys(emailManifest).sort());
  });

  it.each(Object.keys(expected) as EmailKind[])('%s', async (kind) => {
    const { email, owner, answers } = emails[locale].find((e) => e.kind === kind)!;
    const want = expected[kind];
    const raw = await mailer.compose(email);
    const head = raw.toString('utf8').split('\r\n\r\n')[0]!;

    // Header syntax: CRLF only, every line a field or a fold, nothing left by a bug.
    expect(head).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    expect(head.split('\r\n').filter((line) => !/^([A-Za-z][A-Za-z0-9-]*: |[ \t])/.test(line))).toEqual([]);
    expect(head).not.toMatch(/\[object|undefined|\{\{/);

    const parsed = await simpleParser(raw);
    const from = firstMailbox(parsed.from);
    expect(from?.address).toBe('coach@kompis.localhost');
    const speaksFor = want.onBehalf === 'owner' ? owner.name : want.onBehalf === 'buddy' ? 'Kari' : undefined;
    expect(from?.name).toBe(speaksFor ? `${speaksFor} via Kompis` : 'Kompis');

    expect(parsed.subject).toBe(email.subject);
    expect(email.subject.length, email.subject).toBeLessThanOrEqual(want.list ? 55 : 78);
    expect(email.subject).not.toMatch(/[\r\n]|\{\{|undefined|\[object/);
    // The owner's name travels in the From line only, not in the subject of the buddy's weekly and final
    // emails (what an invitation's subject may say is issue 14's).
    if (owner.name && want.onBehalf === 'owner' && want.list) expect(email.subject).not.toContain(owner.name);

    const replyTo = firstMailbox(parsed.replyTo);
    if (want.checkinReplyTo) expect(replyTo?.address).toMatch(/^checkin\+[a-z0-9.]+@/);
    if (replyTo) expect(replyTo.name).toBe('Kompis');

    const field = (name: string) => head.split('\r\n').filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));
    expect(field('List-Unsubscribe')).toHaveLength(want.list ? 1 : 0);
    if (want.list) {
      expect(field('List-Unsubscribe')[0]).toMatch(/^List-Unsubscribe: <https:\/\/[^>\s]+>(, <mailto:[^>\s]+>)?$/);
      expect(field('List-Unsubscribe-Post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
    } else {
      expect(field('List-Unsubscribe-Post')).toEqual([]);
    }
    expect(field('Auto-Submitted')).toHaveLength(1);
    expect(field('Auto-Submitted')[0]).toMatch(want.autoSubmitted === 'either' ? /^Auto-Submitted: auto-(generated|replied)$/ : new RegExp(`^Auto-Submitted: ${want.autoSubmitted}$`));
    expect(field('Message-ID')).toHaveLength(1);
    // An answer to a received email threads under it: In-Reply-To its Message-ID, References ending with
    // it, and "Re: " and the subject it answers (RFC 5322 §3.6.4).
    expect(field('In-Reply-To')).toHaveLength(answers ? 1 : 0);
    if (answers) {
      expect(parsed.inReplyTo).toBe(answers.messageId);
      expect([parsed.references ?? []].flat().at(-1)).toBe(answers.messageId);
      expect(email.subject).toBe(`Re: ${answers.subject.replace(/^Re: /, '')}`);
    }
    expect(parsed.messageId).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);
    expect(parsed.date).toBeInstanceOf(Date);
    expect(parsed.text?.trim().length).toBeGreaterThan(20);
    expect(parsed.html).toContain(`<html lang="${locale}"`);
  });
});
