// Email in, end to end on DynamoDB Local and the local SES: commands by reply and what they change for the
// buddy and the verdict, notes that add up, answers that thread, retries that change nothing twice, and the
// mail that used to bounce or vanish (other addresses of the owner, replies to any Kompis email).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SESClient } from '@aws-sdk/client-ses';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import { checkinReplyAddress } from '../../functions/core/links/links.js';
import { handleInbound, isInboundAddress } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps, Mailer, OutgoingEmail } from '../../functions/core/ports.js';
import { summarize } from '../../functions/core/progress/progress.js';
import { handleSesEvent } from '../../functions/inbound/handle-event.js';
import { FolderRawMail } from '../../functions/local/smtp-inbound.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { deliveryReport, gmailReplyNb, rawMail } from '../helpers/mail.js';
import { outboxFor } from '../helpers/outbox.js';
import { flakyMailer, tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';

/** A mailer that keeps what it was asked to send, then sends it. */
function recording(inner: Mailer): Mailer & { sent: OutgoingEmail[] } {
  const sent: OutgoingEmail[] = [];
  return { sent, send: (email) => (sent.push(email), inner.send(email)) };
}

async function setup(fields: Record<string, string> = {}, options: { buddy?: boolean } = {}) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const base = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const mailer = recording(base.mailer);
  const deps = { ...base, mailer };
  const buddy = uniqueEmail('kari');
  const goal = await anActiveGoal(deps, { locale: 'nb', name: 'Rita', weeks: '3', ...(options.buddy ? { buddyName: 'Kari', buddyEmail: buddy } : {}), ...fields });
  if (options.buddy) await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy });
  await tickAt(deps, WEEK1);
  clock.set('2026-03-06T16:00:00Z');
  const replyTo = checkinReplyAddress(deps.config, goal, 1);
  const logs: Record<string, unknown>[] = [];
  const inbound = (raw: Buffer, recipients = [replyTo], messageId: string = crypto.randomUUID(), d: Deps = deps) =>
    handleInbound(d, { messageId, raw, recipients, verdicts: LOCAL_VERDICTS }, (entry) => logs.push(entry));
  const reply = (text: string, extra: { from?: string; subject?: string; headers?: Record<string, string>; to?: string } = {}) =>
    rawMail({ from: extra.from ?? `Rita <${goal.owner}>`, to: extra.to ?? replyTo, text, ...(extra.subject ? { subject: extra.subject } : {}), headers: extra.headers ?? {} });
  const current = async () => (await deps.store.getGoal(goal.owner, goal.id))!;
  const week = async (n: number) => (await deps.store.getWeekAnswers(goal.id)).find((a) => a.week === n);
  return { clock, deps, mailer, goal, buddy, replyTo, inbound, reply, current, week, logs };
}

describe('a command by reply', () => {
  it('pauses on "Pause 2 uker / Mvh / Rita": the week it answers is paused, the buddy hears "paused", and the week does not count', async () => {
    const s = await setup({}, { buddy: true });
    expect(await s.inbound(await s.reply(gmailReplyNb('Pause 2 uker\n\nMvh\nRita')))).toMatchObject([{ outcome: 'paused' }]);
    expect(await s.current()).toMatchObject({ status: 'paused', resumeAt: '2026-03-19T23:00:00.000Z' });
    expect(await s.week(1)).toMatchObject({ paused: true });
    expect((await s.week(1))?.count).toBeUndefined();

    // The buddy's weekly email falls due 48 hours after the check-in.
    await tickAt(s.deps, '2026-03-08T15:00:00Z');
    const [weekly] = (await outboxFor(s.buddy)).filter((e) => e.subject.startsWith('Uke 1 av'));
    expect(weekly!.subject).toBe('Uke 1 av 3: en pause');
    expect(weekly!.body.text).toContain('pause');
    expect(weekly!.body.text).not.toContain('har ikke svart');
    expect(weekly!.body.text).not.toContain('rapporterte 2');

    const progress = summarize(await s.current(), await s.deps.store.getWeekAnswers(s.goal.id));
    expect(progress.rows[0]).toMatchObject({ state: 'paused' });
    expect(progress.targetTotal).toBe(2 * 2);
  });

  it('stops on "Stopp / Mvh Rita" and confirms with a way back', async () => {
    const s = await setup();
    expect(await s.inbound(await s.reply(gmailReplyNb('Stopp\n\nMvh Rita')))).toMatchObject([{ outcome: 'stopped' }]);
    expect((await s.current()).status).toBe('paused');
    const confirmation = s.mailer.sent.find((e) => e.to === s.goal.owner && e.text.includes('Stoppet'))!;
    expect(confirmation.text).toContain('Angre: start oppfølgingen igjen');
    expect(confirmation.text).toMatch(/\/g\//);
    expect(await s.week(1)).toMatchObject({ paused: true });
  });
});

describe('notes', () => {
  it('add up: a reply with words, then one with the number, keeps both', async () => {
    const s = await setup();
    await s.inbound(await s.reply(gmailReplyNb('Treg start på uka, mye sykdom')));
    await s.inbound(await s.reply(gmailReplyNb('2, tok igjen på torsdag')));
    const answer = await s.week(1);
    expect(answer?.count).toBe(2);
    expect(answer?.note).toContain('Treg start på uka');
    expect(answer?.note).toContain('tok igjen på torsdag');
  });
});

describe('replies that threads and read back', () => {
  it('answers with In-Reply-To and References from the reply, and "Re: <the subject replied to>"', async () => {
    const s = await setup();
    const raw = await rawMail({
      from: s.goal.owner,
      to: s.replyTo,
      subject: 'Re: Uke 1 av 3: hvor mange ble det denne uka?',
      text: gmailReplyNb('3'),
      headers: { 'Message-ID': '<CA+rita.1@mail.example.no>' },
    });
    await s.inbound(raw);
    const readBack = s.mailer.sent.find((e) => e.to === s.goal.owner && e.text.includes('Registrert 3'))!;
    expect(readBack.subject).toBe('Re: Uke 1 av 3: hvor mange ble det denne uka?');
    const mime = (await new SesMailer(new SESClient({}), { from: 'Kompis <coach@kompis.example.com>', messageIdDomain: 'kompis.example.com' }).compose(readBack)).toString();
    const head = mime.split('\r\n\r\n')[0]!;
    expect(head).toMatch(/^In-Reply-To: <CA\+rita\.1@mail\.example\.no>$/m);
    expect(head).toMatch(/^References: <CA\+rita\.1@mail\.example\.no>$/m);
    expect(head).not.toContain('[object');
  });

  it('applies a command from a reply whose Message-ID is not ASCII, and confirms it', async () => {
    const s = await setup();
    const raw = await rawMail({ from: s.goal.owner, to: s.replyTo, text: gmailReplyNb('pause'), headers: { 'Message-ID': '<rød.1@mail.example.no>' } });
    expect(await s.inbound(raw)).toMatchObject([{ outcome: 'paused' }]);
    const confirmations = s.mailer.sent.filter((e) => e.to === s.goal.owner && e.text.includes('Oppfølgingen er satt på pause'));
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.inReplyTo).toBeUndefined();
  });
});

describe('a retried inbound message (Lambda retries a failed event twice)', () => {
  it('changes nothing twice and confirms once, after SES refused the first confirmation', async () => {
    const s = await setup();
    const raw = await s.reply(gmailReplyNb('Fin uke, 2 nye'));
    const refusing = { ...s.deps, mailer: flakyMailer(s.mailer, 1) };
    await expect(s.inbound(raw, [s.replyTo], 'ses-message-1', refusing)).rejects.toThrow();
    await s.inbound(raw, [s.replyTo], 'ses-message-1', refusing);
    await s.inbound(raw, [s.replyTo], 'ses-message-1', refusing);
    const answer = await s.week(1);
    expect(answer).toMatchObject({ count: 2, note: 'Fin uke, 2 nye' });
    expect(s.mailer.sent.filter((e) => e.to === s.goal.owner && e.text.includes('Registrert 2'))).toHaveLength(1);
  });

  it('pauses once and confirms once when a pause is retried after SES refused its confirmation', async () => {
    const s = await setup();
    const raw = await s.reply(gmailReplyNb('pause 2 uker'));
    const refusing = { ...s.deps, mailer: flakyMailer(s.mailer, 1) };
    await expect(s.inbound(raw, [s.replyTo], 'ses-message-2', refusing)).rejects.toThrow();
    expect(await s.inbound(raw, [s.replyTo], 'ses-message-2', refusing)).toMatchObject([{ outcome: 'paused' }]);
    expect(await s.week(1)).toMatchObject({ paused: true, replies: [expect.any(String)] });
    expect(s.mailer.sent.filter((e) => e.to === s.goal.owner && e.text.includes('Oppfølgingen er satt på pause'))).toHaveLength(1);
  });
});

describe('mail that used to bounce or vanish', () => {
  it('answers a reply from another address of the owner once a week, briefly, and changes nothing', async () => {
    const s = await setup();
    const other = uniqueEmail('rita-private');
    await s.inbound(await s.reply(gmailReplyNb('2'), { from: other }));
    await s.inbound(await s.reply(gmailReplyNb('2'), { from: other }));
    expect(await s.week(1)).toBeUndefined();
    const answers = s.mailer.sent.filter((e) => e.to === other);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).not.toContain(s.goal.owner);
    expect(answers[0]!.headers?.['Auto-Submitted']).toBe('auto-replied');
  });

  it('routes replies to every other Kompis email and answers once, helpfully; never an auto-reply', async () => {
    const s = await setup({}, { buddy: true });
    const notices = s.mailer.sent.filter((e) => e.to === s.goal.owner && !e.replyTo?.startsWith('checkin+'));
    expect(notices.length).toBeGreaterThan(0);
    for (const email of s.mailer.sent) expect(isInboundAddress(email.replyTo ?? '', s.deps.config.inboundDomain), email.subject).toBe(true);

    const address = notices[0]!.replyTo!;
    const before = s.mailer.sent.length;
    const auto = await s.reply('Jeg er på ferie', { to: address, headers: { 'Auto-Submitted': 'auto-replied' } });
    expect(await s.inbound(auto, [address])).toMatchObject([{ outcome: 'dropped:auto-reply' }]);
    expect(await s.inbound(await s.reply('Takk!', { to: address }), [address])).toMatchObject([{ outcome: 'helped' }]);
    expect(await s.inbound(await s.reply('Takk igjen!', { to: address }), [address])).toMatchObject([{ outcome: 'helped-already' }]);
    const help = s.mailer.sent.slice(before);
    expect(help).toHaveLength(1);
    expect(help[0]!.text).toMatch(/\/g\//);
  });

  it('answers "Yes!" to the sign-up email with how to start: the Confirm link, not a reply', async () => {
    const s = await setup();
    const owner = uniqueEmail('per');
    const goalAddress = `goal@${s.deps.config.inboundDomain}`;
    await s.inbound(await rawMail({ from: owner, to: goalAddress, subject: 'Mål', text: 'Jeg vil ringe 3 kunder hver uke i 6 uker.' }), [goalAddress]);
    const signupAnswer = s.mailer.sent.find((e) => e.to === owner)!;
    const address = signupAnswer.replyTo!;
    expect(address).toMatch(/^reply\+/);
    expect(await s.inbound(await rawMail({ from: owner, to: address, subject: `Re: ${signupAnswer.subject}`, text: 'Ja!' }), [address])).toMatchObject([{ outcome: 'helped' }]);
    const help = s.mailer.sent.filter((e) => e.to === owner).at(-1)!;
    expect(help.text).toContain('Ingenting starter før du klikker «Bekreft målet mitt»');
    expect(help.subject).toBe(`Re: ${signupAnswer.subject}`);
  });

  it('suppresses a buddy whose address hard-bounced, as SES feedback would', async () => {
    const s = await setup({}, { buddy: true });
    const address = s.mailer.sent.find((e) => e.to === s.buddy)!.replyTo!;
    // From the buddy's own domain's mail server: only that domain may say the mailbox is gone.
    const dsn = deliveryReport({ to: address, failed: s.buddy });
    expect(await s.inbound(Buffer.from(dsn), [address])).toMatchObject([{ outcome: 'bounce:suppressed' }]);
    expect(await s.deps.store.isSuppressed(s.buddy)).toBe(true);
  });
});

describe('what the inbound log says', () => {
  it('names no address and no signed reply address, only their hashes', async () => {
    const s = await setup();
    const other = uniqueEmail('other');
    await s.inbound(await s.reply(gmailReplyNb('2')));
    await s.inbound(await s.reply(gmailReplyNb('2'), { from: other }));
    const text = JSON.stringify(s.logs);
    expect(s.logs.length).toBeGreaterThan(0);
    expect(text).not.toContain(s.replyTo);
    expect(text).not.toContain(s.replyTo.split('@')[0]!);
    expect(text).not.toContain(s.goal.owner);
    expect(text).not.toContain(other);
    expect(s.logs[0]).toHaveProperty('recipientHash');
  });

  it('names no address when a failure is thrown for SES to retry (an SES refusal names the recipient)', async () => {
    const s = await setup();
    const folder = await mkdtemp(join(tmpdir(), 'kompis-in-'));
    const store = new FolderRawMail(folder);
    await store.put('ses-id-1', await s.reply(gmailReplyNb('2')));
    const refusing = { ...s.deps, mailer: { send: async () => Promise.reject(new Error(`Email address is not verified: ${s.goal.owner}`)) } };
    const event = { Records: [{ eventSource: 'aws:ses', ses: { mail: { messageId: 'ses-id-1', source: s.goal.owner }, receipt: { recipients: [s.replyTo], spfVerdict: { status: 'PASS' }, dkimVerdict: { status: 'PASS' }, dmarcVerdict: { status: 'PASS' } } } }] };
    const logs: Record<string, unknown>[] = [];
    const failure = await handleSesEvent(refusing, store, event, (entry) => logs.push(entry)).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).not.toContain(s.goal.owner);
    expect(JSON.stringify(logs)).not.toContain(s.goal.owner);
    expect(JSON.stringify(logs)).not.toContain(s.replyTo);
  });
});
