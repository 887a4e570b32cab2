// SES's word on what happened to a sent email (via the configuration set's SNS destination): a hard
// bounce or a complaint suppresses the address for good; soft bounces, rejects and delays only log.
import { z } from 'zod';
import type { Store } from '../ports.js';

const recipient = z.object({ emailAddress: z.string() });

export const sesFeedbackSchema = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: z.array(recipient) }).optional(),
  complaint: z.object({ complainedRecipients: z.array(recipient) }).optional(),
});

export async function applyFeedback(store: Pick<Store, 'suppress'>, message: unknown, now: Date): Promise<{ suppressed: string[] }> {
  const parsed = sesFeedbackSchema.safeParse(message);
  if (!parsed.success) return { suppressed: [] };
  const { bounce, complaint } = parsed.data;
  const addresses: [string, 'bounce' | 'complaint'][] = [
    ...(bounce?.bounceType === 'Permanent' ? bounce.bouncedRecipients.map((r) => [r.emailAddress, 'bounce'] as [string, 'bounce']) : []),
    ...(complaint ? complaint.complainedRecipients.map((r) => [r.emailAddress, 'complaint'] as [string, 'complaint']) : []),
  ];
  const suppressed: string[] = [];
  for (const [raw, reason] of addresses) {
    // SES reports "Name <address>" at times; keep the address, lower-cased like every stored one.
    const address = (/<([^<>]+)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
    if (!address.includes('@')) continue;
    await store.suppress(address, reason, now.toISOString());
    suppressed.push(address);
  }
  return { suppressed };
}
