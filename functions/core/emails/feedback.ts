// SES's word on what happened to a sent email (via the configuration set's SNS destination): a hard
// bounce or a complaint suppresses the address for good; a Send event settles the claim of a send whose
// outcome the sender could not know; soft bounces, rejects and delays only log.
import * as z from 'zod/mini';
import type { Store } from '../ports.js';
import { sendKeyFromTags } from './send-key-tags.js';

const recipient = z.object({ emailAddress: z.string() });

export const sesFeedbackSchema = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(recipient) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(recipient) })),
  mail: z.optional(z.object({ messageId: z.optional(z.string()), tags: z.optional(z.record(z.string(), z.array(z.string()))) })),
});

export interface FeedbackResult {
  suppressed: string[];
  /** A Send event settled a claim that was still "sending". */
  confirmed?: boolean;
}

export async function applyFeedback(store: Pick<Store, 'suppress' | 'confirmSend'>, message: unknown, now: Date): Promise<FeedbackResult> {
  const parsed = sesFeedbackSchema.safeParse(message);
  if (!parsed.success) return { suppressed: [] };
  const { bounce, complaint, mail } = parsed.data;
  if ((parsed.data.eventType ?? parsed.data.notificationType) === 'Send') {
    const key = sendKeyFromTags(mail?.tags);
    if (!key) return { suppressed: [] };
    const { goalId, ...sendKey } = key;
    return { suppressed: [], confirmed: await store.confirmSend(goalId, sendKey, mail?.messageId ?? '') };
  }
  const addresses: [string, 'bounce' | 'complaint'][] = [
    ...(bounce?.bounceType === 'Permanent' ? bounce.bouncedRecipients.map((r) => [r.emailAddress, 'bounce'] as [string, 'bounce']) : []),
    ...(complaint ? complaint.complainedRecipients.map((r) => [r.emailAddress, 'complaint'] as [string, 'complaint']) : []),
  ];
  return { suppressed: await suppressAddresses(store, addresses, now) };
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
