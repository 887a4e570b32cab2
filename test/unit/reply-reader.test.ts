// The reply reader as a careful person reads: what is mail at all, what is a command, what is new text,
// and which number is the answer. Each case named in issue 13 is here, and failed before the rework.
import { describe, expect, it } from 'vitest';
import { parseReply } from '../../functions/core/replies/parse-reply.js';
import { deliveryReport, gmailReplyNb, rawMail } from '../helpers/mail.js';

const OWNER = 'rita@example.no';
const TO = 'checkin+c.01m8dj1j0dxm1g8q8tbpqj0ys9.1.k1.abcdefghijklmnop@in.kompis.example.com';

const quoteEn = (w = 7) =>
  `On Fri, 6 Mar 2026 at 15:00, Kompis <coach@kompis.example.com> wrote:\n\n> Week ${w} of 13.\n> How many this week?\n>\n> Click your number for week ${w}:\n>   0: https://kompis.example.com/r/a\n>   1: https://kompis.example.com/r/b\n>   2: https://kompis.example.com/r/c\n>   3 or more: https://kompis.example.com/r/d\n`;

async function read(text: string, extra: { html?: string; headers?: Record<string, string>; from?: string; subject?: string } = {}) {
  return parseReply(await rawMail({ from: extra.from ?? OWNER, to: TO, text, ...(extra.html ? { html: extra.html } : {}), headers: extra.headers ?? {}, ...(extra.subject ? { subject: extra.subject } : {}) }));
}

describe('a command, anywhere in the first lines, with greetings and sign-offs around it', () => {
  it.each([
    ['Pause 2 uker\n\nMvh\nRita', { kind: 'pause', weeks: 2 }],
    ['pause 2 uker, er på ferie', { kind: 'pause', weeks: 2 }],
    ['Stopp\n\nMvh Rita', { kind: 'stop' }],
    ['Hei!\n\nKan du pause i tre uker? Takk\n\nRita', { kind: 'pause', weeks: 3 }],
    ['Hi! pause 1 week please, travelling. Thanks!', { kind: 'pause', weeks: 1 }],
    ['Fortsett :)', { kind: 'resume' }],
    ['status?', { kind: 'status' }],
    ['Joker', { kind: 'joker' }],
    ['Hei! Jeg bruker en joker denne uka. Takk', { kind: 'joker' }],
    ["I'll use a joker for this week, please", { kind: 'joker' }],
  ])('reads %j as a command, not a count', async (text, command) => {
    const reply = await read(gmailReplyNb(text));
    expect(reply).toMatchObject({ count: null, command });
  });

  it.each(['I need to stop at 2 this week, my knee hurts.', 'Pausen på jobben var fin, 2 denne uka', 'Joker: 2 denne uka', 'The joker at the meetup introduced me to 2 CFOs'])('reads %j as a count, not a command', async (text) => {
    const reply = await read(gmailReplyNb(text));
    expect(reply.command).toBeUndefined();
    expect(reply.count).toBe(2);
  });
});

describe('mail that is not a person writing', () => {
  it('never counts a delivery report without Auto-Submitted, from MAILER-DAEMON, and names the hard-bounced address', async () => {
    const raw = deliveryReport({
      from: 'MAILER-DAEMON@mx.example.no (Mail Delivery System)',
      to: TO,
      failed: 'ola@example.no',
      human: 'Your message could not be delivered: 203 attempts, host mx.example.no[203.0.113.18] said 550',
      returned: 'From: coach@kompis.example.com\r\nSubject: Week 18 of 20\r\n\r\nHow many this week? 9',
    });
    const reply = await parseReply(raw);
    expect(reply).toMatchObject({ count: null, autoReply: true, bounce: { hard: true, recipients: ['ola@example.no'] } });
  });

  it('never counts a read receipt', async () => {
    const raw = [
      'From: Rita <rita@example.no>',
      `To: ${TO}`,
      'Subject: Read: Week 2 of 13: how many this week?',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="R"',
      '',
      '--R',
      'Content-Type: text/plain',
      '',
      'Your message was read on 6 March 2026 at 16:12.',
      '--R',
      'Content-Type: message/disposition-notification',
      '',
      'Final-Recipient: rfc822;rita@example.no',
      'Disposition: manual-action/MDN-sent-manually; displayed',
      '--R--',
      '',
    ].join('\r\n');
    expect(await parseReply(raw)).toMatchObject({ count: null, autoReply: true });
  });

  it('reads a person’s Outlook reply that carries X-Auto-Response-Suppress (Outlook sets it on ordinary mail)', async () => {
    const reply = await read(`3\r\n\r\n${quoteEn()}`, { headers: { 'X-Auto-Response-Suppress': 'All' } });
    expect(reply).toMatchObject({ count: 3, autoReply: false });
  });
});

describe('the new text, wherever it is', () => {
  it('reads an answer written below the quote', async () => {
    expect(await read(`${quoteEn()}\nOnly two this time.\n`)).toMatchObject({ count: 2, note: expect.stringContaining('this time') });
  });

  it('reads an answer written between quoted lines', async () => {
    const text = 'On Fri, 6 Mar 2026 at 15:00, Kompis <coach@kompis.example.com> wrote:\n> Week 7 of 13.\n> How many this week?\n\n2\n\n> Click your number for week 7:\n>   3 or more: https://kompis.example.com/r/d\n';
    expect((await read(text)).count).toBe(2);
  });
});

describe('the number a careful reader takes', () => {
  it.each([
    ['Ble ikke 3 denne uka, bare 2', 2],
    ['Uke 7: 3', 3],
    ['Spent 3 hours at the fair, met 2', 2],
    ['3 — nei, vent, 4', 4],
    ['two on Tuesday and one on Friday', 3],
    ['TRE!!', 3],
    ['TO!!', 2],
    ['Fem, faktisk.', 5],
    ['Fire, faktisk.', 4],
    ['4/2 👍', 4],
  ])('reads %j as %i', async (text, count) => {
    expect((await read(gmailReplyNb(text))).count).toBe(count);
  });

  it('reads the HTML part when the text part is a placeholder', async () => {
    const reply = await read('This message is in HTML format. Please use an HTML-capable mail reader.', {
      html: '<div dir="ltr">Tre denne uka</div><div class="gmail_quote"><blockquote>Hvor mange ble det denne uka? 0 1 2</blockquote></div>',
    });
    expect(reply.count).toBe(3);
  });

  it('reads the HTML part when the text part is empty', async () => {
    const raw = [
      `From: ${OWNER}`,
      `To: ${TO}`,
      'Subject: Re: Week 7 of 13: how many this week?',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="A"',
      '',
      '--A',
      'Content-Type: text/plain; charset=utf-8',
      '',
      '',
      '--A',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>2</p><blockquote>How many this week? 3 or more</blockquote>',
      '--A--',
      '',
    ].join('\r\n');
    expect((await parseReply(raw)).count).toBe(2);
  });
});

describe('asking instead of guessing', () => {
  it.each([
    ['2 or 3, can’t remember', [2, 3]],
    ['Møtte 2 kunder og 3 leverandører', [2, 3]],
    ['et par stykker', [2, 3]],
    ['2-3', [2, 3]],
  ])('asks for %j with %j', async (text, ask) => {
    expect(await read(gmailReplyNb(text))).toMatchObject({ count: null, ask });
  });
});

describe('signatures without a delimiter', () => {
  it('cuts a closing block of name, title and contact details', async () => {
    const reply = await read(`3\n\nJames Whitfield\nRegional Sales Director | Northwind Ltd\nM: +44 7700 900 123\n\n${quoteEn()}`);
    expect(reply).toMatchObject({ count: 3, note: '' });
  });

  it.each(['Same as last week', 'One was a partner at KPMG', 'see e.g. the notes'])('keeps a closing line that only looks like one: %j', async (line) => {
    expect((await read(`3\n\n${line}\n\n${quoteEn()}`)).note).toBe(line);
  });
});

describe('a command word that labels an answer', () => {
  it.each([
    ['Status: 2 this week', { count: 2 }],
    ['Resume: 2 meetings', { count: 2 }],
    ['Fortsett :)', { command: { kind: 'resume' } }],
    ['Pause: 2 uker', { command: { kind: 'pause', weeks: 2 } }],
  ])('reads %j as %j', async (text, expected) => {
    expect(await read(gmailReplyNb(text))).toMatchObject(expected);
  });
});
