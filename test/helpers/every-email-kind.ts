// Every kind of email, produced by the flows that send it in production (sign-up, confirm, tick, the
// buddy's clicks, replies by email, links asked for on a page) on DynamoDB Local, caught by a recording
// mailer before SES. For the headers, which are decided in several layers: the email builders, the flows,
// and the mailer.
import { acceptInvitation, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { react } from '../../functions/core/buddy/reactions.js';
import { buddyLabel } from '../../functions/core/buddy/buddy-emails.js';
import { emailForget, emailGoalPage, emailStepUp } from '../../functions/core/emails/link-email.js';
import { checkinReplyAddress, replyAddress } from '../../functions/core/links/links.js';
import { findMyGoals } from '../../functions/core/goals/my-goals.js';
import { signOutEveryLink } from '../../functions/core/goals/sign-out.js';
import type { Goal } from '../../functions/core/goal.js';
import type { Locale } from '../../functions/core/i18n/messages.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps, Mailer, OutgoingEmail } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { FixedClock, freshTable, testDeps } from './deps.js';
import { uniqueEmail } from './factories.js';
import { anActiveGoal } from './goals.js';
import { rawMail } from './mail.js';
import { tickAt } from './weekly.js';
import { askToJoin, emailCircleChange, inviteByEmail, joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import { cheerOf, sendCheer } from '../../functions/core/circles/cheers.js';
import { cheerUrl } from '../../functions/core/circles/circle-links.js';
import { verifyToken } from '../../functions/core/tokens/tokens.js';

export type EmailKind =
  | 'confirm-goal'
  | 'email-signup'
  | 'buddy-invite'
  | 'buddy-reminder'
  | 'checkin'
  | 'checkin-reminder'
  | 'plan'
  | 'mid-report'
  | 'buddy-weekly'
  | 'final-report'
  | 'buddy-final'
  | 'notice-accepted'
  | 'notice-declined'
  | 'notice-left'
  | 'notice-reaction'
  | 'read-back-recorded'
  | 'read-back-ask'
  | 'read-back-paused'
  | 'read-back-resumed'
  | 'read-back-stopped'
  | 'read-back-joker'
  | 'help-owner'
  | 'help-buddy'
  | 'stranger'
  | 'link-goal'
  | 'link-signed-out'
  | 'link-export'
  | 'link-erase'
  | 'link-buddy-change'
  | 'link-forget'
  | 'my-goals'
  // Circles (issue 20)
  | 'circle-digest'
  | 'notice-cheer'
  | 'link-circle-invite'
  | 'link-circle-join'
  | 'link-circle-remove'
  | 'link-circle-close'
  | 'notice-circle-message';

export interface KindedEmail {
  kind: EmailKind;
  email: OutgoingEmail;
  /** Who the email speaks for: the owner's name when a buddy email is sent on their behalf. */
  owner: { email: string; name?: string };
  /** The message it answers, for an answer to a received email: its Message-ID and Subject. */
  answers?: { messageId: string; subject: string };
}

class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
    return { messageId: `local-${this.sent.length}` };
  }
  /** What was sent since `mark` (a length of `sent`), to `to`. */
  since(mark: number, to: string): OutgoingEmail[] {
    return this.sent.slice(mark).filter((e) => e.to === to);
  }
}

const WEEK = (n: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();

/** Every kind once, in `locale`: a named owner with an accepting buddy, a nameless owner whose buddy declines. */
export async function everyEmailKind(locale: Locale): Promise<KindedEmail[]> {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const mailer = new RecordingMailer();
  // An https base, as in production: one-click unsubscribe (RFC 8058) names an https link.
  const deps: Deps & { clock: FixedClock } = { ...testDeps(clock, { ...(await freshTable()), KOMPIS_BASE_URL: 'https://kompis.example.com' }), clock, mailer };
  const out: KindedEmail[] = [];
  // The newest email to `to` since `mark`, filed under `kind`.
  const take = (kind: EmailKind, mark: number, to: string, owner: Goal, sendKind?: string, answers?: KindedEmail['answers']) => {
    const email = mailer.since(mark, to).filter((e) => !sendKind || e.sendKey?.kind === sendKind).at(-1);
    if (!email) throw new Error(`no ${kind} email was sent to ${to}: ${JSON.stringify(mailer.sent.map((e) => [e.to, e.subject, e.sendKey?.kind]))}`);
    out.push({ kind, email, owner: { email: owner.owner, ...(owner.ownerName ? { name: owner.ownerName } : {}) }, ...(answers ? { answers } : {}) });
  };
  // A reply as a mail client sends it (its own Message-ID, In-Reply-To the email it answers) to `to`;
  // returns what the answer must thread on.
  let replies = 0;
  const replyTo = async (from: string, to: string, text: string, subject: string) => {
    const raw = await rawMail({ from, to, text, subject, inReplyTo: `<sent-${++replies}@kompis.example.com>` });
    const messageId = /^Message-ID: (<[^>\r\n]+>)\r$/im.exec(raw.toString('utf8'))?.[1];
    if (!messageId) throw new Error('the reply has no Message-ID');
    await handleInbound(deps, { messageId: crypto.randomUUID(), raw, recipients: [to], verdicts: LOCAL_VERDICTS });
    return { messageId, subject };
  };
  const reply = (goal: Goal, week: number, text: string) => replyTo(goal.owner, checkinReplyAddress(deps.config, goal, week), text, 'Re: Week 1 of 2: how many this week?');

  // Three goals, confirmed at 09:00: a named owner whose buddy says yes, a nameless owner whose buddy is
  // reminded and says no, and one whose buddy says yes and leaves.
  const [kari, per, lars] = [uniqueEmail('kari'), uniqueEmail('per'), uniqueEmail('lars')];
  let mark = mailer.sent.length;
  const ola = await anActiveGoal(deps, { locale, name: 'Ola Nordmann', weeks: '2', buddyName: 'Kari', buddyEmail: kari });
  take('confirm-goal', mark, ola.owner, ola);
  const nameless = await anActiveGoal(deps, { locale, name: '', weeks: '2', buddyName: 'Per', buddyEmail: per });
  const third = await anActiveGoal(deps, { locale, name: 'Ola Nordmann', weeks: '2', buddyName: 'Lars', buddyEmail: lars });
  // A 4-week goal, for the mid-period email (a day after week 3's check-in).
  const longer = await anActiveGoal(deps, { locale, name: 'Ola Nordmann', weeks: '4' });
  // Wherever an invitation is sent from (the confirm click, or a tick a little later), it is out by then.
  clock.set('2026-03-02T09:30:00Z');
  await tickAt(deps, '2026-03-02T09:30:00Z');
  take('buddy-invite', 0, kari, ola, 'invite');
  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-05T10:00:00Z');
  take('buddy-reminder', mark, per, nameless, 'reminder');

  const ref = { owner: ola.owner, goalId: ola.id, buddy: kari };
  mark = mailer.sent.length;
  await acceptInvitation(deps, ref);
  take('notice-accepted', mark, ola.owner, ola);
  mark = mailer.sent.length;
  await releaseBuddy(deps, { owner: nameless.owner, goalId: nameless.id, buddy: per }, 'declined');
  take('notice-declined', mark, nameless.owner, nameless);
  await acceptInvitation(deps, { owner: third.owner, goalId: third.id, buddy: lars });
  mark = mailer.sent.length;
  await releaseBuddy(deps, { owner: third.owner, goalId: third.id, buddy: lars }, 'left');
  take('notice-left', mark, third.owner, third);

  clock.set(WEEK(1));
  mark = mailer.sent.length;
  await tickAt(deps, WEEK(1));
  take('checkin', mark, ola.owner, ola, 'checkin');
  mark = mailer.sent.length;
  await react(deps, ref, 1, 'applause');
  take('notice-reaction', mark, ola.owner, ola);

  clock.set('2026-03-06T15:00:00Z');
  for (const [kind, text] of [
    // Words first: once the week has its number, words alone are kept without asking.
    ['read-back-ask', 'A slow week, but a good lunch'],
    ['read-back-recorded', '2'],
    ['read-back-paused', 'pause'],
    ['read-back-resumed', locale === 'nb' ? 'fortsett' : 'resume'],
  ] as const) {
    mark = mailer.sent.length;
    const answers = await reply(ola, 1, text);
    take(kind, mark, ola.owner, ola, undefined, answers);
  }
  mark = mailer.sent.length;
  take('read-back-stopped', mark, nameless.owner, nameless, undefined, await reply(nameless, 1, locale === 'nb' ? 'stopp' : 'stop'));

  // Replies to an email that is not a check-in: the owner's and the buddy's one helpful answer, and the
  // short answer to an address the goal does not know.
  const toGoal = replyAddress(deps.config, ola);
  const otherAddress = uniqueEmail('other');
  for (const [kind, from, text] of [
    ['help-owner', ola.owner, 'Thanks, looking forward to it!'],
    ['help-buddy', kari, 'Go Ola!'],
    ['stranger', otherAddress, 'What is this?'],
  ] as const) {
    mark = mailer.sent.length;
    take(kind, mark, from, ola, undefined, await replyTo(from, toGoal, text, 'Re: Kari is your buddy'));
  }

  // Links emailed when asked for on a page (no more than five an hour to one address: spread over two owners).
  const nina = { email: uniqueEmail('nina'), name: 'Nina' };
  for (const [kind, owner, send] of [
    ['link-goal', ola, () => emailGoalPage(deps, ola)],
    ['link-export', ola, () => emailStepUp(deps, ola, 'export')],
    ['link-erase', ola, () => emailStepUp(deps, ola, 'erase')],
    ['link-buddy-change', third, () => emailStepUp(deps, third, 'buddy-change', [nina.email, nina.name], { buddy: buddyLabel(nina) })],
    ['link-signed-out', third, () => signOutEveryLink(deps, third)],
  ] as const) {
    mark = mailer.sent.length;
    await send();
    take(kind, mark, owner.owner, owner);
  }
  mark = mailer.sent.length;
  await emailForget(deps, kari, locale, { id: ola.id });
  take('link-forget', mark, kari, ola);
  mark = mailer.sent.length;
  await findMyGoals(deps, ola.owner, locale);
  take('my-goals', mark, ola.owner, ola);

  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-06T16:30:00Z');
  take('buddy-weekly', mark, kari, ola, 'buddy-report');
  // The third goal's week 1 has no answer a day after its check-in: its one reminder.
  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-07T14:00:00Z');
  take('checkin-reminder', mark, third.owner, third, 'checkin-reminder');
  mark = mailer.sent.length;
  take('read-back-joker', mark, third.owner, third, undefined, await reply(third, 1, 'joker'));
  // Ola plans week 2 by reply (Thursday 08:00 Oslo) and gets its one email then.
  await reply(ola, 1, 'plan: thu 08 coffee with 2 CFOs');
  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-12T07:00:00Z');
  take('plan', mark, ola.owner, ola, 'plan');

  clock.set(WEEK(2));
  await tickAt(deps, WEEK(2));
  await recordAnswer(deps, (await deps.store.getGoal(ola.owner, ola.id))!, 2, { count: 3, source: 'click' });
  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-15T14:00:00Z');
  // The final report waits for the buddy's report of the last week, which goes in the same tick.
  await tickAt(deps, '2026-03-15T14:15:00Z');
  take('final-report', mark, ola.owner, ola, 'final');
  take('buddy-final', mark, kari, ola, 'buddy-final');

  clock.set(WEEK(3));
  await tickAt(deps, WEEK(3));
  mark = mailer.sent.length;
  await tickAt(deps, '2026-03-21T16:00:00Z');
  take('mid-report', mark, longer.owner, longer, 'mid-report');

  const stranger = uniqueEmail('new');
  mark = mailer.sent.length;
  const signup = rawMail({ from: stranger, to: `goal@${deps.config.inboundDomain}`, subject: 'My goal', text: locale === 'nb' ? 'Møte 2 Go-utviklere hver uke i seks uker' : 'Meet 2 Go developers every week for six weeks' });
  await handleInbound(deps, { messageId: crypto.randomUUID(), raw: await signup, recipients: [`goal@${deps.config.inboundDomain}`], verdicts: LOCAL_VERDICTS });
  take('email-signup', mark, stranger, { ...ola, owner: stranger, ownerName: undefined });

  // A circle of two: the invitation, the join link, a week's digest, a cheer, the organiser's step-ups.
  clock.set('2026-03-23T09:00:00Z');
  const organiser = await anActiveGoal(deps, { locale, name: 'Ola Nordmann', weeks: '4' });
  const joiner = await anActiveGoal(deps, { locale, name: 'Kari', weeks: '4' });
  const circle = await startCircle(deps, organiser, { name: 'Salg', memberName: 'Ola' });
  const items = async () => (await deps.store.getCircle(circle.id))!;
  const memberOf = async (goal: Goal) => (await items()).members.find((m) => m.goalId === goal.id)!;
  const olaMember = await memberOf(organiser);
  mark = mailer.sent.length;
  await inviteByEmail(deps, circle.id, olaMember, joiner.owner);
  take('link-circle-invite', mark, joiner.owner, organiser);
  mark = mailer.sent.length;
  await askToJoin(deps, circle.id, joiner.owner, 'Kari', locale, '192.0.2.1');
  take('link-circle-join', mark, joiner.owner, joiner);
  await joinCircle(deps, circle.id, joiner, 'Kari');
  const firstCheckin = (await deps.store.getGoal(organiser.owner, organiser.id))!.nextCheckinAt!;
  clock.set(firstCheckin);
  await tickAt(deps, firstCheckin);
  for (const goal of [organiser, joiner]) await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, source: 'click' });
  mark = mailer.sent.length;
  await tickAt(deps, firstCheckin);
  take('circle-digest', mark, joiner.owner, joiner, `circle-${circle.id}`);
  const digest = mailer.since(mark, joiner.owner).find((e) => e.sendKey?.kind === `circle-${circle.id}`)!;
  mark = mailer.sent.length;
  await replyTo(joiner.owner, digest.replyTo!, 'Great week everyone', 'Re: Salg: uke 1');
  take('notice-circle-message', mark, organiser.owner, organiser);
  const cheer = new URL(cheerUrl(deps.config, circle.id, joiner.id, organiser.id, 1, 'clap', clock.now())).pathname.split('/').at(-1)!;
  mark = mailer.sent.length;
  await sendCheer(deps, await cheerOf(deps, verifyToken(deps.config.keys, cheer, 'circle-cheer', clock.now())));
  take('notice-cheer', mark, organiser.owner, organiser);
  mark = mailer.sent.length;
  await emailCircleChange(deps, await items(), olaMember, 'remove', await memberOf(joiner));
  take('link-circle-remove', mark, organiser.owner, organiser);
  mark = mailer.sent.length;
  await emailCircleChange(deps, await items(), olaMember, 'close');
  take('link-circle-close', mark, organiser.owner, organiser);
  return out;
}
