// Mail received for the inbound domain, from raw MIME to what it changes. Anything that is not
// trusted, not for us, or automatic is logged and dropped — never answered (no backscatter).
import type { ParsedMail } from 'mailparser';
import { DomainError } from '../errors.js';
import { pauseGoal } from '../goals/actions.js';
import type { Deps } from '../ports.js';
import { isAutoReply } from '../replies/auto-reply.js';
import { headerText, MAX_MESSAGE_BYTES, parseMime } from '../replies/parse-reply.js';
import { verifyAddressToken } from '../tokens/address-tokens.js';
import { handleCheckinReply } from './checkin-reply.js';
import { signUpByEmail } from './email-signup.js';
import { fromIsVouchedFor, verdictsPass, type Verdicts } from './trust.js';

export const INBOUND_PER_SENDER_PER_HOUR = 20;

/** The goals address, in the forms a person might type it. */
export const GOAL_ADDRESSES = ['goal', 'goals', 'mal', 'maal', 'kompis'];

export interface InboundMessage {
  messageId: string;
  raw: Buffer;
  /** The envelope recipients SES (or the local SMTP server) accepted. */
  recipients: string[];
  verdicts: Verdicts;
  /** The envelope sender (MAIL FROM, SES's `mail.source`): what an SPF verdict is about. */
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
  return GOAL_ADDRESSES.includes(local) || /^(checkin|unsubscribe)\+[a-z0-9.]+$/.test(local);
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
  // One From header naming one mailbox, as every reply a person sends has. With two (a second header, or a
  // list), which one SES's DMARC check judged is anyone's guess, and the first could be a forged owner.
  const senders = mail.from?.value.filter((a) => a.address) ?? [];
  if (senders.length > 1 || mail.headerLines.filter((line) => line.key === 'from').length > 1) return all('dropped:many-senders');
  const from = senders[0];
  if (!from?.address) return all('dropped:no-sender');
  const sender = { address: from.address.toLowerCase(), name: from.name ?? '' };
  if (!fromIsVouchedFor(message.verdicts, sender.address, message.envelopeFrom ?? '')) return all('dropped:unaligned-sender');
  if (isAutoReply((name) => headerText(mail, name), mail.subject ?? '')) return all('dropped:auto-reply');
  // A person answers once a week; a sender writing dozens of times an hour is a loop or a flood. Counted
  // after the trust checks, so nobody can spend someone else's allowance with a forged From.
  const now = deps.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const sent = await deps.store.countRate('inbound', sender.address, hour, Math.floor(now.getTime() / 1000) + 2 * 3600);
  if (sent > INBOUND_PER_SENDER_PER_HOUR) return all('dropped:rate-limited');

  const results: InboundResult[] = [];
  let signedUp = false;
  for (const recipient of message.recipients) {
    const outcome = await route(deps, mail, sender, recipient.toLowerCase(), () => {
      const first = !signedUp;
      signedUp = true;
      return first;
    });
    log({ level: 'info', msg: 'inbound', messageId: message.messageId, recipient, outcome });
    results.push({ recipient, outcome });
  }
  return results;
}

async function route(
  deps: Deps,
  mail: ParsedMail,
  sender: { address: string; name: string },
  recipient: string,
  firstSignup: () => boolean,
): Promise<string> {
  if (!isInboundAddress(recipient, deps.config.inboundDomain)) return 'dropped:not-ours';
  const local = recipient.split('@')[0]!;
  if (GOAL_ADDRESSES.includes(local)) return firstSignup() ? signUpByEmail(deps, mail, sender) : 'dropped:duplicate-recipient';

  const [kind, token = ''] = local.split('+') as ['checkin' | 'unsubscribe', string];
  const claims = verifyAddressToken(deps.config.keys, token, kind);
  if (!claims) return 'dropped:bad-token';
  const goal = await deps.store.getGoalById(claims.goalId);
  if (!goal) return 'dropped:unknown-goal';
  if (goal.owner !== sender.address) return 'dropped:not-owner';
  if (kind === 'unsubscribe') {
    if (goal.status !== 'active' && goal.status !== 'paused') return 'dropped:closed';
    await pauseGoal(deps, { owner: goal.owner, goalId: goal.id }, undefined, 'unsubscribed');
    return 'unsubscribed';
  }
  try {
    return await handleCheckinReply(deps, goal, claims.week, mail);
  } catch (error) {
    // A reply for a week that cannot take one (finished goal, …) is the sender's, not ours: drop it.
    if (error instanceof DomainError) return `dropped:${error.name}`;
    throw error;
  }
}
