// The raw MIME handed to SES: the local SES keeps no custom headers, so they are checked here; and the
// display names of From (on someone's behalf) and Reply-To.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { cleanDisplayName, onBehalfOf } from '../../functions/core/emails/sender-name.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { checkinEmail } from '../../functions/core/weekly/checkin-email.js';
import type { SESClient } from '@aws-sdk/client-ses';
import { aGoal, exampleConfig } from '../helpers/factories.js';

const config = exampleConfig;
const goal = aGoal({ text: 'Møte 2 økonomidirektører', nextWeek: 3 });
// compose() builds the message only; no SES call is made.
const mailer = new SesMailer({} as SESClient, { from: 'Kompis <coach@kompis.example.com>', messageIdDomain: 'kompis.example.com' });

/** Header lines as written: a folded header shows as a line plus continuation lines. */
function headersOf(raw: Buffer): string[] {
  return raw.toString('utf8').split('\r\n\r\n')[0]!.split('\r\n');
}

function unfolded(lines: string[]): string[] {
  return lines.join('\r\n').replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

describe('a check-in as raw MIME', () => {
  it('carries one-click unsubscribe, unfolded and once, with https and mailto', async () => {
    const email = checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z'));
    const lines = headersOf(await mailer.compose(email));
    const unsubscribe = lines.filter((l) => l.startsWith('List-Unsubscribe:'));
    expect(unsubscribe).toHaveLength(1);
    expect(unsubscribe[0]).toMatch(/^List-Unsubscribe: <https:\/\/kompis\.example\.com\/u\/[\w.-]+>, <mailto:unsubscribe\+[a-z0-9.]+@in\.kompis\.example\.com\?subject=unsubscribe>$/);
    expect(lines.filter((l) => l === 'List-Unsubscribe-Post: List-Unsubscribe=One-Click')).toHaveLength(1);
    expect(lines).toContain('Auto-Submitted: auto-generated');
    expect(unfolded(lines).find((l) => l.startsWith('Reply-To:'))).toMatch(/^Reply-To: Kompis <checkin\+c\.01m8dj1j0dxm1g8q8tbpqj0ys9\.3\.k1\.[a-z2-7]{16}@in\.kompis\.example\.com>$/);
    expect(lines.some((l) => /^Message-ID: <.+@kompis\.example\.com>$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Date: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('Content-Type: multipart/alternative'))).toBe(true);
  });

  it('refuses a header value with a line break', async () => {
    const email = checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z'));
    await expect(mailer.compose({ ...email, headers: { 'X-Test': 'a\r\nBcc: x@example.com' } })).rejects.toThrow(/line break/);
    await expect(mailer.compose({ ...email, subject: 'Hi\nBcc: x@example.com' })).rejects.toThrow(/line break/);
  });
});

describe('the sender and reply names', () => {
  const nameOf = async (raw: Buffer, field: 'from' | 'replyTo') => {
    const parsed = await simpleParser(raw);
    const value = parsed[field];
    return (Array.isArray(value) ? value[0] : value)?.value[0];
  };

  it('sends on the owner’s behalf under their name, from Kompis’s own address, in any script', async () => {
    const email = checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z'));
    for (const name of ['Ola Nordmann via Kompis', 'Åse Ødegård via Kompis']) {
      expect(await nameOf(await mailer.compose({ ...email, fromName: name }), 'from')).toEqual({ name, address: 'coach@kompis.example.com' });
    }
    expect(await nameOf(await mailer.compose(email), 'from')).toEqual({ name: 'Kompis', address: 'coach@kompis.example.com' });
    await expect(mailer.compose({ ...email, fromName: 'Ola\r\nBcc: x@example.com' })).rejects.toThrow(/line break/);
  });

  it('names a bare Reply-To address after the sender, and keeps a name that is already there', async () => {
    const email = checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z'));
    expect(await nameOf(await mailer.compose(email), 'replyTo')).toEqual({ name: 'Kompis', address: email.replyTo });
    const named = await mailer.compose({ ...email, replyTo: 'Kari Nordmann <kari@example.com>' });
    expect(await nameOf(named, 'replyTo')).toEqual({ name: 'Kari Nordmann', address: 'kari@example.com' });
  });

  it.each([
    ['Ola Nordmann', 'Ola Nordmann'],
    ['  Åse   Ødegård ', 'Åse Ødegård'],
    ['St. John Smith', 'St. John Smith'],
    ['Ola "the boss" <Nordmann>', 'Ola the boss Nordmann'],
    ['Ola\u202eNord\u200bmann', 'OlaNordmann'],
    ['Kari Olsen Nordmann Berg Dahl Hansen Johansen Larsen', 'Kari Olsen Nordmann Berg Dahl Hansen…'],
    ['support@bank.example', undefined],
    ['Log in at bank.no/login', undefined],
    ['www.example', undefined],
    ['http://x', undefined],
    ['1234', undefined],
    ['', undefined],
  ])('makes a display name of %j: %j', (name, clean) => {
    expect(cleanDisplayName(name)).toBe(clean);
    expect(onBehalfOf(name, 'nb')).toBe(clean === undefined ? undefined : `${clean} via Kompis`);
  });
});

describe('a typed encoded-word in a subject or a From name (attack r3 F12)', () => {
  const word = '=?utf-8?b?R28gd3d3LmV2aWwuZXhhbXBsZQ==?=';
  it('goes out encoded whole: the reader sees the characters typed, never the decoded link', async () => {
    const email = { ...checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z')), subject: `${word} wrote to the circle` };
    const raw = await mailer.compose(email);
    const subject = unfolded(headersOf(raw)).find((l) => l.startsWith('Subject:'))!;
    expect(subject).not.toContain(word);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(`${word} wrote to the circle`);
    expect(parsed.subject).not.toContain('evil');
  });

  it('leaves no encoded-word in an on-behalf-of From name', async () => {
    const from = onBehalfOf(word, 'en');
    expect(from ?? '').not.toMatch(/=\?|\?=/);
    const raw = await mailer.compose({ ...checkinEmail(config, goal, 3, [], new Date('2026-03-20T14:00:00Z')), ...(from ? { fromName: from } : {}) });
    expect((await simpleParser(raw)).from?.text ?? '').not.toContain('evil');
  });
});
