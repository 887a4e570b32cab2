// SES's word on what happened to a sent email (via the configuration set's SNS destination): a hard
// bounce or a complaint suppresses the address for good; a Send event settles the claim of a send whose
// outcome the sender could not know; soft bounces, rejects and delays only log.
import type { SendKey, Store } from '../ports.js';

/** What SES said about a sent email, read from its event by the adapters (functions/adapters/aws-events.ts). */
export type Feedback =
  | { kind: 'sent'; sendKey: SendKey & { goalId: string }; messageId: string }
  | { kind: 'suppress'; addresses: [string, 'bounce' | 'complaint'][] }
  | { kind: 'other' };

export interface FeedbackResult {
  suppressed: string[];
  /** A Send event settled a claim that was still "sending". */
  confirmed?: boolean;
}

export async function applyFeedback(store: Pick<Store, 'suppress' | 'confirmSend'>, feedback: Feedback, now: Date): Promise<FeedbackResult> {
  if (feedback.kind === 'sent') {
    const { goalId, ...sendKey } = feedback.sendKey;
    return { suppressed: [], confirmed: await store.confirmSend(goalId, sendKey, feedback.messageId) };
  }
  if (feedback.kind === 'other') return { suppressed: [] };
  return { suppressed: await suppressAddresses(store, feedback.addresses, now) };
}

/** Bounced or complaining addresses, suppressed for good: from SES feedback, and from bounces that reach the inbound path. */
export async function suppressAddresses(store: Pick<Store, 'suppress'>, addresses: [string, 'bounce' | 'complaint'][], now: Date): Promise<string[]> {
  const suppressed: string[] = [];
  for (const [raw, reason] of addresses) {
    // SES reports "Name <address>" at times; keep the address, lower-cased like every stored one.
    const address = (/<([^<>]+)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
    if (!address.includes('@')) continue;
    await store.suppress(address, reason, now.toISOString());
    suppressed.push(address);
  }
  return suppressed;
}
