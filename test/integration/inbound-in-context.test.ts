// Email in, read in context (found by an outside review of issue 13): a duration in a reply to a goal that
// runs "i 8 uker" is not a count, the week's number said along with a pause is kept, a pause "til januar"
// lasts until January, "Takk!" to the read-back is not asked about, one message is one reply however it
// arrives (to two of the goal's addresses, or again under a new SES id), a sign-up's buddy line in its own
// paragraph is read, someone only invited who replies to the invitation is pointed to it, and a delivery
// report written by a mailbox at the owner's (shared) provider does not suppress the owner.
import { describe, expect, it } from 'vitest';
import { checkinReplyAddress, replyAddress } from '../../functions/core/links/links.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { deliveryReport, gmailReplyNb, rawMail } from '../helpers/mail.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';

async function deps() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  return testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
}

async function atWeekOne(fields: Record<string, string> = {}) {
  const d = await deps();
  const goal = await anActiveGoal(d, { locale: 'nb', name: 'Rita', weeks: '8', ...fields });
  await tickAt(d, WEEK1);
  d.clock.set('2026-03-06T16:00:00Z');
  const replyTo = checkinReplyAddress(d.config, goal, 1);
  const reply = async (text: string) =>
    handleInbound(d, { messageId: crypto.randomUUID(), raw: await rawMail({ from: `Rita <${goal.owner}>`, to: replyTo, text: gmailReplyNb(text) }), recipients: [replyTo], verdicts: LOCAL_VERDICTS });
  const current = async () => (await d.store.getGoal(goal.owner, goal.id))!;
  const week = async (n: number) => (await d.store.getWeekAnswers(goal.id)).find((a) => a.week === n);
  const answers = async () => (await outboxFor(goal.owner)).filter((e) => e.subject.startsWith('Re:'));
  return { deps: d, goal, replyTo, reply, current, week, answers };
}

describe('a reply read with its goal', () => {
  it('does not count "i to uker" for a goal that runs "i 8 uker": the weeks are how long, not how many', async () => {
    const s = await atWeekOne({ goal: 'Møte 3 nye kunder hver uke i 8 uker' });
    expect(await s.reply('Er på ferie i to uker nå.')).toMatchObject([{ outcome: 'asked' }]);
    expect((await s.week(1))?.count).toBeUndefined();
    expect((await s.week(1))?.note).toContain('ferie');
  });

  it('still counts in the unit the goal counts in ("Løpe 20 km hver uke i 8 uker": "løp 25 km" is 25)', async () => {
    const s = await atWeekOne({ goal: 'Løpe 20 km hver uke i 8 uker', perWeek: '20' });
    expect(await s.reply('Løp 25 km')).toMatchObject([{ outcome: 'recorded' }]);
    expect((await s.week(1))?.count).toBe(25);
  });
});

describe('a number and a pause in one reply', () => {
  it('records the week\'s number, pauses for the weeks asked, and does not make the answered week a break', async () => {
    const s = await atWeekOne();
    expect(await s.reply('2 denne uka. Så pause i to uker, ferie.')).toMatchObject([{ outcome: 'paused' }]);
    expect(await s.week(1)).toMatchObject({ count: 2 });
    expect((await s.week(1))?.paused).toBeUndefined();
    expect(await s.current()).toMatchObject({ status: 'paused', resumeAt: '2026-03-19T23:00:00.000Z' });
    const [confirmation] = (await outboxFor(s.goal.owner)).filter((e) => e.subject.startsWith('Re:'));
    expect(confirmation!.body.text).toContain('Registrerte 2 for uke 1.');
    expect(confirmation!.body.text).not.toContain('markert som en pause');
  });

  it('pauses "til januar" until the 1st of January, in the goal\'s time zone', async () => {
    const s = await atWeekOne();
    expect(await s.reply('Pause til januar, takk')).toMatchObject([{ outcome: 'paused' }]);
    expect(await s.current()).toMatchObject({ status: 'paused', resumeAt: '2026-12-31T23:00:00.000Z' });
  });

  it('pauses "fram til 15. februar" until that day next year when it has passed this year', async () => {
    const s = await atWeekOne();
    expect(await s.reply('Kan du pause fram til 15. februar?')).toMatchObject([{ outcome: 'paused' }]);
    expect(await s.current()).toMatchObject({ status: 'paused', resumeAt: '2027-02-14T23:00:00.000Z' });
  });
});

describe('a reply to the read-back', () => {
  it('keeps "Takk!" with the week and does not ask for a number the week already has', async () => {
    const s = await atWeekOne();
    expect(await s.reply('2')).toMatchObject([{ outcome: 'recorded' }]);
    expect(await s.reply('Takk!')).toMatchObject([{ outcome: 'noted' }]);
    expect(await s.week(1)).toMatchObject({ count: 2 });
    expect((await s.answers()).map((e) => e.body.text?.split('\n')[0])).toEqual(['Registrert 2 for uke 1']);
  });
});

describe('one message, one reply', () => {
  it('reads a message sent to the check-in address and, in Cc, to another of the goal\'s addresses once, and answers once', async () => {
    const s = await atWeekOne();
    const other = replyAddress(s.deps.config, s.goal);
    const raw = await rawMail({ from: `Rita <${s.goal.owner}>`, to: s.replyTo, cc: other, text: gmailReplyNb('3') });
    const results = await handleInbound(s.deps, { messageId: 'both', raw, recipients: [other, s.replyTo], verdicts: LOCAL_VERDICTS });
    expect(results).toEqual([
      { recipient: other, outcome: 'dropped:duplicate-goal' },
      { recipient: s.replyTo, outcome: 'recorded' },
    ]);
    expect(await s.week(1)).toMatchObject({ count: 3 });
    expect(await s.answers()).toHaveLength(1);
  });

  it('applies and answers a message once when its sender delivers it again and SES names the copy anew', async () => {
    const s = await atWeekOne();
    const raw = await rawMail({ from: `Rita <${s.goal.owner}>`, to: s.replyTo, text: gmailReplyNb('Treg uke, kommer tilbake til tallet'), headers: { 'Message-ID': '<rita.42@mail.example.no>' } });
    const again = Buffer.concat([Buffer.from('Received: from mx2.example.no by inbound-smtp; Fri, 6 Mar 2026 16:05:00 +0000\r\n'), raw]);
    for (const [id, copy] of [['ses-1', raw], ['ses-2', again]] as const) {
      await handleInbound(s.deps, { messageId: id, raw: copy, recipients: [s.replyTo], verdicts: LOCAL_VERDICTS });
    }
    expect((await s.week(1))?.replies).toHaveLength(1);
    expect(await s.answers()).toHaveLength(1);
  });
});

describe('sign-up by email', () => {
  it('reads the buddy from a "kompis:" line in its own paragraph at the end, not as a signature', async () => {
    const d = await deps();
    const owner = uniqueEmail('per');
    const buddy = uniqueEmail('kari');
    const to = `goal@${d.config.inboundDomain}`;
    const raw = await rawMail({ from: `Per <${owner}>`, to, subject: 'Mål', text: `Jeg vil møte 3 nye kunder hver uke i 8 uker.\n\nkompis: ${buddy}` });
    expect(await handleInbound(d, { messageId: 'm1', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'signed-up' }]);
    const [answer] = await outboxFor(owner);
    expect(answer!.body.text).toContain(`Kompis: ${buddy}`);
    const exported = await d.store.exportPerson(owner);
    expect(exported.goals).toMatchObject([{ text: 'Jeg vil møte 3 nye kunder hver uke i 8 uker.', buddy: { email: buddy } }]);
  });
});

describe('sign-up by email: the sentence that holds the goal', () => {
  it.each([
    [
      'Hei Kompis!\n\nJeg har lenge tenkt på å bli bedre på nettverksbygging, og i fjor møtte jeg bare 12 nye folk. Målet mitt er å ta kontakt med 5 nye personer hver uke i 10 uker.\n\nHilsen\nOla',
      'Målet mitt er å ta kontakt med 5 nye personer hver uke i 10 uker.',
      5,
      10,
    ],
    ['Fra og med 1. desember vil jeg ringe 10 kunder i uka i 12 uker.', 'Fra og med 1. desember vil jeg ringe 10 kunder i uka i 12 uker.', 10, 12],
  ])('reads %j as the goal %j', async (text, goalText, perWeek, weeks) => {
    const d = await deps();
    const owner = uniqueEmail('ola');
    const to = `goal@${d.config.inboundDomain}`;
    const raw = await rawMail({ from: `Ola <${owner}>`, to, subject: 'Nytt mål', text });
    expect(await handleInbound(d, { messageId: 'g1', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'signed-up' }]);
    expect((await d.store.exportPerson(owner)).goals).toMatchObject([{ text: goalText, targetPerWeek: perWeek, weeks }]);
  });

  it('answers a goal whose buddy line names the sender (refused as a buddy) without the buddy, instead of saying nothing', async () => {
    const d = await deps();
    const owner = uniqueEmail('ola');
    const to = `goal@${d.config.inboundDomain}`;
    const raw = await rawMail({ from: `Ola <${owner}>`, to, subject: 'Goal', text: `Meet 2 investors every week for 6 weeks.\nbuddy: ${owner}` });
    expect(await handleInbound(d, { messageId: 'g2', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'signed-up' }]);
    const [answer] = await outboxFor(owner);
    expect(answer!.body.text).toContain('No buddy yet');
    expect((await d.store.exportPerson(owner)).goals).toMatchObject([{ targetPerWeek: 2, weeks: 6 }]);
  });
});

describe('a reply to an invitation from the person invited', () => {
  it('points them to the invitation ("Yes, happy to!" does not answer it) instead of the buddy page', async () => {
    const d = await deps();
    const buddy = uniqueEmail('kari');
    const goal = await anActiveGoal(d, { locale: 'en', name: 'Rita', buddyName: 'Kari', buddyEmail: buddy });
    expect(goal.buddy?.status).toBe('invited');
    const to = replyAddress(d.config, goal);
    const raw = await rawMail({ from: `Kari <${buddy}>`, to, subject: 'Re: Rita asks you to be their buddy', text: 'Yes, happy to be your buddy!' });
    expect(await handleInbound(d, { messageId: 'i1', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'helped' }]);
    const answer = (await outboxFor(buddy)).find((e) => e.subject.startsWith('Re:'))!;
    expect(answer.body.text).toContain('a reply does not answer the invitation');
    expect(answer.body.text).not.toContain('Cheer or nudge');
    expect(linksIn(answer, '/i/')).toHaveLength(1);
    expect(linksIn(answer, '/buddy/')).toHaveLength(0);
  });
});

describe('a delivery report at a goal\'s address', () => {
  it('does not suppress the owner when another mailbox at the same provider writes it (only its mail system may)', async () => {
    const s = await atWeekOne();
    const domain = s.goal.owner.slice(s.goal.owner.indexOf('@') + 1);
    const address = replyAddress(s.deps.config, s.goal);
    const forged = deliveryReport({ from: `Mail Delivery System <mallory@${domain}>`, to: address, failed: s.goal.owner });
    expect(await handleInbound(s.deps, { messageId: 'dsn-1', raw: Buffer.from(forged), recipients: [address], verdicts: LOCAL_VERDICTS })).toMatchObject([
      { outcome: 'dropped:bounce-unverified' },
    ]);
    expect(await s.deps.store.isSuppressed(s.goal.owner)).toBe(false);

    const real = deliveryReport({ from: `Mail Delivery System <MAILER-DAEMON@mx1.${domain}>`, to: address, failed: s.goal.owner });
    expect(await handleInbound(s.deps, { messageId: 'dsn-2', raw: Buffer.from(real), recipients: [address], verdicts: LOCAL_VERDICTS })).toMatchObject([
      { outcome: 'bounce:suppressed' },
    ]);
  });
});
