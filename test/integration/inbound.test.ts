// Email in, on real SMTP: replies to check-ins, commands, sign-up by email — and everything that must
// change nothing: spoofed senders, bad tokens, failed verdicts, auto-replies, oversized and broken MIME.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import { checkinReplyAddress, unsubscribeMailto } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { startSmtpInbound, type LocalSmtp } from '../../functions/local/smtp-inbound.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { gmailReplyNb, rawMail } from '../helpers/mail.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';
let smtp: LocalSmtp | undefined;
afterEach(async () => {
  await smtp?.stop();
  smtp = undefined;
});

async function setup(fields: Record<string, string> = {}) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const goal = await anActiveGoal(deps, { locale: 'nb', name: 'Ola', weeks: '3', ...fields });
  await tickAt(deps, WEEK1);
  clock.set('2026-03-06T16:00:00Z');
  const replyTo = checkinReplyAddress(deps.config, goal, 1);
  const answers = () => deps.store.getWeekAnswers(goal.id);
  const inbound = (raw: Buffer, verdicts = LOCAL_VERDICTS, recipients = [replyTo], envelopeFrom?: string) =>
    handleInbound(deps, { messageId: crypto.randomUUID(), raw, recipients, verdicts, ...(envelopeFrom ? { envelopeFrom } : {}) });
  return { clock, deps, goal, replyTo, answers, inbound };
}

async function sendSmtp(port: number, message: { from: string; to: string; subject: string; text: string; cc?: string }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

describe('a reply to a check-in', () => {
  it('records "to denne uka" from a Norwegian Gmail reply sent over SMTP, and reads it back once', async () => {
    const s = await setup();
    const folder = await mkdtemp(join(tmpdir(), 'kompis-in-'));
    smtp = await startSmtpInbound(s.deps, { port: 0, folder });
    await sendSmtp(smtp.port, { from: `Ola <${s.goal.owner}>`, to: s.replyTo, subject: 'Re: Uke 1', text: gmailReplyNb('to denne uka') });
    expect(await s.answers()).toMatchObject([{ week: 1, count: 2, source: 'reply', note: 'denne uka' }]);
    expect(await readdir(folder)).toEqual([]); // the raw mail is not kept once handled
    const readBack = (await outboxFor(s.goal.owner)).filter((e) => e.body.text?.includes('Registrert 2 for uke 1'));
    expect(readBack).toHaveLength(1);
    expect(readBack[0]!.subject).toBe('Re: Uke 1');
    expect(readBack[0]!.body.text).toContain('Feil? Klikk på riktig tall:');
    expect(linksIn(readBack[0]!, '/r/')).toHaveLength(4);

    // A second reply the same week is recorded, its words added to the note, and read back in its turn.
    await sendSmtp(smtp.port, { from: s.goal.owner, to: s.replyTo, subject: 'Re: Uke 1', text: gmailReplyNb('3, glemte en') });
    expect(await s.answers()).toMatchObject([{ count: 3, note: 'denne uka\nglemte en' }]);
    expect((await outboxFor(s.goal.owner)).filter((e) => e.body.text?.includes('Registrert 3 for uke 1'))).toHaveLength(1);
  });

  it('refuses an unknown mailbox at the SMTP level', async () => {
    const s = await setup();
    smtp = await startSmtpInbound(s.deps, { port: 0, folder: await mkdtemp(join(tmpdir(), 'kompis-in-')) });
    await expect(sendSmtp(smtp.port, { from: s.goal.owner, to: `nobody@${s.deps.config.inboundDomain}`, subject: 'x', text: '2' })).rejects.toThrow(
      /550/,
    );
  });

  it('keeps a note without a number and asks once for the number', async () => {
    const s = await setup();
    const reply = () => rawMail({ from: s.goal.owner, to: s.replyTo, text: gmailReplyNb('Treg uke, tar det igjen neste uke') });
    expect(await s.inbound(await reply())).toMatchObject([{ outcome: 'asked' }]);
    await s.inbound(await reply());
    expect(await s.answers()).toMatchObject([{ week: 1, note: 'Treg uke, tar det igjen neste uke' }]);
    expect((await s.answers())[0]!.count).toBeUndefined();
    expect((await outboxFor(s.goal.owner)).filter((e) => e.body.text?.includes('Hvor mange i uke 1?'))).toHaveLength(1);
  });

  it('pauses for two weeks on "pause 2 uker", confirms with a way back, and resumes on "fortsett"', async () => {
    const s = await setup();
    expect(await s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, text: gmailReplyNb('pause 2 uker') }))).toMatchObject([
      { outcome: 'paused' },
    ]);
    const paused = await s.deps.store.getGoal(s.goal.owner, s.goal.id);
    expect(paused).toMatchObject({ status: 'paused', resumeAt: '2026-03-19T23:00:00.000Z' });
    const confirmation = (await outboxFor(s.goal.owner)).find((e) => e.body.text?.includes('Oppfølgingen er satt på pause'))!;
    expect(confirmation.body.text).toContain('Satt på pause til 20. mars 2026');
    // The undo link and the goal link both lead to the goal page, where "start again" is.
    expect(linksIn(confirmation, '/g/').length).toBeGreaterThanOrEqual(1);

    expect(await s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, text: 'fortsett' }))).toMatchObject([{ outcome: 'resumed' }]);
    expect((await s.deps.store.getGoal(s.goal.owner, s.goal.id))?.status).toBe('active');
    // The week the pause answered stays a break.
    expect(await s.answers()).toMatchObject([{ week: 1, paused: true }]);
  });

  it.each([
    ['a sender nobody vouches for (no DMARC, SPF for another domain)', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(await rawMail({ from: 'mallory@example.com', to: s.replyTo, text: '2' }), { ...LOCAL_VERDICTS, dmarc: 'GRAY' }, [s.replyTo], 'bounce@elsewhere.example')],
    ['a tampered reply address', async (s: Awaited<ReturnType<typeof setup>>) => {
      const forged = s.replyTo.replace(/\.(\w)(\w+)@/, (_, c: string, rest: string) => `.${c === 'a' ? 'b' : 'a'}${rest}@`);
      return s.inbound(await rawMail({ from: s.goal.owner, to: forged, text: '2' }), LOCAL_VERDICTS, [forged]);
    }],
    ['failed SPF and DKIM verdicts', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, text: '2' }), { ...LOCAL_VERDICTS, spf: 'FAIL', dkim: 'FAIL' })],
    ['a DMARC failure', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, text: '2' }), { ...LOCAL_VERDICTS, dmarc: 'FAIL' })],
    ['a virus verdict', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, text: '2' }), { ...LOCAL_VERDICTS, virus: 'FAIL' })],
    ['an out-of-office auto-reply', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(await rawMail({ from: s.goal.owner, to: s.replyTo, subject: 'Automatisk svar: Uke 1', text: 'Tilbake 12. mars, ring 912 34 567', headers: { 'Auto-Submitted': 'auto-replied' } }))],
    ['a message over 10 MB', async (s: Awaited<ReturnType<typeof setup>>) =>
      s.inbound(Buffer.concat([await rawMail({ from: s.goal.owner, to: s.replyTo, text: '2' }), Buffer.alloc(10 * 1024 * 1024 + 1, 'a')]))],
    ['broken MIME', async (s: Awaited<ReturnType<typeof setup>>) => s.inbound(Buffer.from('\u0000\u0001 not a message \r\n\r\n\r\n'))],
    ['a message with no From', async (s: Awaited<ReturnType<typeof setup>>) => s.inbound(Buffer.from(`To: ${s.replyTo}\r\nSubject: x\r\n\r\n2\r\n`))],
  ])('records and sends nothing for %s', async (_, send) => {
    const s = await setup();
    const before = (await outboxFor(s.goal.owner)).length;
    const results = await send(s);
    expect(results.every((r) => r.outcome.startsWith('dropped:'))).toBe(true);
    expect(await s.answers()).toEqual([]);
    expect(await outboxFor(s.goal.owner)).toHaveLength(before);
    expect(await outboxFor('mallory@example.com')).toHaveLength(0);
  });

  it('stops check-ins on a mail to the List-Unsubscribe address, and only with its own token', async () => {
    const s = await setup();
    const wrong = `unsubscribe+${s.replyTo.split('+')[1]!.replace(/^c\./, 'u.')}`;
    expect(await s.inbound(await rawMail({ from: s.goal.owner, to: wrong, text: 'unsubscribe' }), LOCAL_VERDICTS, [wrong])).toMatchObject([
      { outcome: 'dropped:bad-token' },
    ]);
    expect((await s.deps.store.getGoal(s.goal.owner, s.goal.id))?.status).toBe('active');

    const address = unsubscribeMailto(s.deps.config, s.goal).replace(/^mailto:/, '').split('?')[0]!;
    expect(await s.inbound(await rawMail({ from: s.goal.owner, to: address, text: 'unsubscribe' }), LOCAL_VERDICTS, [address])).toMatchObject([
      { outcome: 'unsubscribed' },
    ]);
    expect(await s.deps.store.getGoal(s.goal.owner, s.goal.id)).toMatchObject({ status: 'paused', pauseReason: 'unsubscribed' });
  });
});

describe('sign-up by email', () => {
  it('reads the goal and the buddy, answers with what it understood, and starts nothing until confirmed', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const owner = uniqueEmail('per');
    const buddy = uniqueEmail('kari');
    const to = `goal@${deps.config.inboundDomain}`;
    const raw = await rawMail({
      from: `Per Hansen <${owner}>`,
      to,
      cc: `Kari <${buddy}>`,
      subject: 'Nytt mål',
      text: 'Jeg skal få kontakt med minst 2 beslutningstakere innen økonomi hver uke i seks uker.\n\n-- \nPer\n+47 912 34 567',
    });
    expect(await handleInbound(deps, { messageId: 'm1', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([
      { outcome: 'signed-up' },
    ]);
    const [reply] = await outboxFor(owner);
    expect(reply?.subject).toBe('Er dette målet ditt?');
    expect(reply!.body.text).toContain('2 per uke i 6 uker');
    expect(reply!.body.text).toContain(`Kompis: Kari <${buddy}>`);
    expect(await outboxFor(buddy)).toEqual([]);
    const edit = linksIn(reply!, '/')[1]!;
    expect(new URL(edit).searchParams.get('buddyEmail')).toBe(buddy);

    const exported = await deps.store.exportPerson(owner);
    expect(exported.goals).toMatchObject([{ status: 'pending', targetPerWeek: 2, weeks: 6, locale: 'nb' }]);
  });

  it.each([
    ['Hei!\n\nJeg vil møte 3 nye kunder hver uke i 8 uker.\n\nHilsen Per', 'Jeg vil møte 3 nye kunder hver uke i 8 uker.', 3, 8],
    ['Hi there,\n\nthanks for this. My goal: call 2 customers every week for 6 weeks. Buddy: none yet.\n\nCheers,\nPer', 'My goal: call 2 customers every week for 6 weeks.', 2, 6],
  ])('skips the greeting and reads the goal from the sentence that holds it: %j', async (text, goalText, perWeek, weeks) => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const owner = uniqueEmail('per');
    const to = `goal@${deps.config.inboundDomain}`;
    const raw = await rawMail({ from: `Per <${owner}>`, to, subject: 'Mål', text });
    expect(await handleInbound(deps, { messageId: 'm2', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'signed-up' }]);
    const exported = await deps.store.exportPerson(owner);
    expect(exported.goals).toMatchObject([{ text: goalText, targetPerWeek: perWeek, weeks }]);
  });
});
