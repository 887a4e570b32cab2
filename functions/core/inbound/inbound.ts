// Mail received for the inbound domain, from raw MIME to what it changes, in the order a person would sort
// it: is it mail at all (a delivery report only ever suppresses a bounced owner or buddy; auto-replies and
// read receipts are dropped), is it vouched for (SES's verdicts, one From, aligned), is it a flood; then,
// per recipient: a sign-up, a check-in reply, a reply to any other Kompis email, an unsubscribe. Nothing
// untrusted or automatic is ever answered (no backscatter). Logs name addresses by hash only.
import type { ParsedMail } from 'mailparser';
import { DomainError } from '../errors.js';
import { pauseGoal } from '../goals/actions.js';
import type { Deps } from '../ports.js';
import type { Classified } from '../replies/mail-kind.js';
import { classifyParsed, MAX_MESSAGE_BYTES, parseMime, readReply } from '../replies/parse-reply.js';
import { verifyAddressToken, type AddressPurpose } from '../tokens/address-tokens.js';
import { receivedOf } from './answers.js';
import { handleBounce } from './bounces.js';
import { handleCheckinReply } from './checkin-reply.js';
import { relayToCircle } from '../circles/relay.js';
import { signUpByEmail } from './email-signup.js';
import { addressHash, messageKey } from '../emails/message-key.js';
import { handleGoalReply } from './other-replies.js';
import { fromIsVouchedFor, verdictsPass, type Verdicts } from './trust.js';

export const INBOUND_PER_SENDER_PER_HOUR = 20;

/** The goals address, in the forms a person might type it. */
export const GOAL_ADDRESSES = ['goal', 'goals', 'mal', 'maal', 'kompis'];
const SIGNED = /^(checkin|unsubscribe|reply|circle)\+([a-z0-9.]+)$/;

export interface InboundMessage {
  messageId: string;
  raw: Buffer;
  /** The envelope recipients SES (or the local SMTP server) accepted. */
  recipients: string[];
  verdicts: Verdicts;
  /** The envelope sender (MAIL FROM, SES's `mail.source`): what an SPF verdict is about; empty for "<>". */
  envelopeFrom?: string;
}

export interface InboundResult {
  recipient: string;
  outcome: string;
}

export type Log = (entry: Record<string, unknown>) => void;

/** Whether an address is one the inbound handler answers to (the SMTP server refuses the rest). */
export function isInboundAddress(address: string, inboundDomain: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  if (domain !== inboundDomain) return false;
  return GOAL_ADDRESSES.includes(local) || SIGNED.test(local);
}

export async function handleInbound(deps: Deps, message: InboundMessage, log: Log = () => undefined): Promise<InboundResult[]> {
  const all = (outcome: string) => {
    log({ level: 'info', msg: 'inbound dropped', messageId: message.messageId, outcome });
    return message.recipients.map((recipient) => ({ recipient, outcome }));
  };
  if (message.raw.length > MAX_MESSAGE_BYTES) return all('dropped:too-large');
  if (!verdictsPass(message.verdicts)) return all('dropped:untrusted');
  let mail: ParsedMail;
  try {
    mail = await parseMime(message.raw);
  } catch {
    return all('dropped:malformed');
  }
  const kind = classifyParsed(mail);
  if (kind.kind === 'bounce') {
    // Whose word a bounce is: a reporting domain vouched for like a sender (DMARC, or aligned SPF).
    const reporter = mail.from?.value[0]?.address?.toLowerCase() ?? '';
    const vouched = reporter !== '' && fromIsVouchedFor(message.verdicts, reporter, message.envelopeFrom ?? '');
    return eachRecipient(deps, message, log, (recipient) => routeBounce(deps, recipient, kind, vouched ? reporter : undefined));
  }
  if (kind.kind !== 'person') return all(`dropped:${kind.kind}`);

  // One From header naming one mailbox, as every reply a person sends has. With two (a second header, or a
  // list), which one SES's DMARC check judged is anyone's guess, and the first could be a forged owner.
  const senders = mail.from?.value.filter((a) => a.address) ?? [];
  if (senders.length > 1 || mail.headerLines.filter((line) => line.key === 'from').length > 1) return all('dropped:many-senders');
  const from = senders[0];
  if (!from?.address) return all('dropped:no-sender');
  const sender = { address: from.address.toLowerCase(), name: from.name ?? '' };
  if (!fromIsVouchedFor(message.verdicts, sender.address, message.envelopeFrom ?? '')) return all('dropped:unaligned-sender');
  // A person answers once a week; a sender writing dozens of times an hour is a loop or a flood. Counted
  // after the trust checks, so nobody can spend someone else's allowance with a forged From.
  const now = deps.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const sent = await deps.store.countRate('inbound', sender.address, hour, Math.floor(now.getTime() / 1000) + 2 * 3600);
  if (sent > INBOUND_PER_SENDER_PER_HOUR) return all('dropped:rate-limited');

  let signedUp = false;
  const answered = new Set<string>();
  // One message to two of a goal's addresses (To: the check-in's, Cc: another email's) is one reply to the goal:
  // the check-in's address is read first, and the goal is not answered twice.
  const recipients = [...message.recipients].sort((a, b) => Number(!a.toLowerCase().startsWith('checkin+')) - Number(!b.toLowerCase().startsWith('checkin+')));
  const results = await eachRecipient(deps, { ...message, recipients }, log, (recipient) =>
    route(deps, message, mail, sender, recipient, {
      firstSignup: () => {
        const first = !signedUp;
        signedUp = true;
        return first;
      },
      firstForGoal: (goalId) => {
        const first = !answered.has(goalId);
        answered.add(goalId);
        return first;
      },
    }),
    sender.address,
  );
  // In the envelope's order, as the results of every other path.
  return results.sort((a, b) => message.recipients.indexOf(a.recipient) - message.recipients.indexOf(b.recipient));
}

/**
 * Which message a person sent, however often it arrives: an MTA that retries after a lost "250 OK" delivers it
 * again, and SES gives the copy a new id, but the copy keeps its Message-ID. Without one, SES's id.
 */
export function sentMessageId(mail: Pick<ParsedMail, 'messageId'>, sender: string, sesMessageId: string): string {
  const id = mail.messageId?.trim();
  return id && /^<[\x21-\x7e]{3,250}>$/.test(id) ? `${sender}\n${id}` : sesMessageId;
}

async function eachRecipient(deps: Deps, message: InboundMessage, log: Log, handle: (recipient: string) => Promise<string>, sender?: string): Promise<InboundResult[]> {
  const results: InboundResult[] = [];
  const seen = new Set<string>();
  for (const recipient of message.recipients) {
    let outcome: string;
    const address = recipient.toLowerCase();
    try {
      // The same address twice in one envelope is one recipient.
      if (seen.has(address)) outcome = 'dropped:duplicate-recipient';
      else outcome = isInboundAddress(address, deps.config.inboundDomain) ? await handle(address) : 'dropped:not-ours';
      seen.add(address);
    } catch (error) {
      // A reply for a week that cannot take one (finished goal, …) is the sender's, not ours: drop it.
      if (!(error instanceof DomainError)) throw error;
      outcome = `dropped:${error.name}`;
    }
    log({ level: 'info', msg: 'inbound', messageId: message.messageId, recipientHash: addressHash(recipient), ...(sender ? { senderHash: addressHash(sender) } : {}), outcome });
    results.push({ recipient, outcome });
  }
  return results;
}

/** The goal a signed recipient address names, and for which purpose. */
async function goalFor(deps: Deps, recipient: string) {
  const match = SIGNED.exec(recipient.split('@')[0]!);
  if (!match) return undefined;
  const purpose = match[1] as AddressPurpose;
  const claims = verifyAddressToken(deps.config.keys, match[2]!, purpose);
  if (!claims) return { purpose, claims: undefined, goal: undefined };
  return { purpose, claims, goal: await deps.store.getGoalById(claims.goalId) };
}

async function routeBounce(deps: Deps, recipient: string, kind: Classified, reporter: string | undefined): Promise<string> {
  const found = await goalFor(deps, recipient);
  if (!found?.goal) return found?.claims === undefined && found ? 'dropped:bad-token' : 'dropped:bounce';
  return handleBounce(deps, found.goal, kind.bounce, reporter);
}

async function route(
  deps: Deps,
  message: InboundMessage,
  mail: ParsedMail,
  sender: { address: string; name: string },
  recipient: string,
  once: { firstSignup: () => boolean; firstForGoal: (goalId: string) => boolean },
): Promise<string> {
  const local = recipient.split('@')[0]!;
  if (GOAL_ADDRESSES.includes(local)) return once.firstSignup() ? signUpByEmail(deps, mail, sender) : 'dropped:duplicate-recipient';

  const found = await goalFor(deps, recipient);
  if (!found?.claims) return 'dropped:bad-token';
  const { goal, claims, purpose } = found;
  if (!goal) return 'dropped:unknown-goal';
  const reading = readReply(mail, { locale: goal.locale, goalText: goal.text });
  const reply = { reading, received: receivedOf(mail), key: messageKey(sentMessageId(mail, sender.address, message.messageId), recipient) };
  if (purpose === 'unsubscribe') {
    if (goal.owner !== sender.address) return 'dropped:not-owner';
    if (goal.status !== 'active' && goal.status !== 'paused') return 'dropped:closed';
    await pauseGoal(deps, { owner: goal.owner, goalId: goal.id }, undefined, 'unsubscribed');
    return 'unsubscribed';
  }
  if (!once.firstForGoal(goal.id)) return 'dropped:duplicate-goal';
  // A reply to the circle's email is a message to the circle, never anyone's number.
  if (purpose === 'circle') return relayToCircle(deps, goal, sender.address, reply.reading.text, reply.key);
  if (purpose === 'reply' || goal.owner !== sender.address) return handleGoalReply(deps, goal, sender.address, reply);
  return handleCheckinReply(deps, goal, claims.week, reply);
}
