// The SES receipt event (S3 action first, then this Lambda): which message, for whom, and SES's verdicts.
// The local SMTP server builds the same shape, so both paths run the same code.
import * as z from 'zod';
import type { Verdicts } from '../core/inbound/trust.js';

const verdict = z.object({ status: z.string() }).optional();

export const sesEventSchema = z.object({
  Records: z.array(
    z.object({
      eventSource: z.literal('aws:ses'),
      ses: z.object({
        mail: z.object({ messageId: z.string().regex(/^[\w.@-]{1,200}$/), source: z.string() }),
        receipt: z.object({
          recipients: z.array(z.string()).min(1).max(50),
          spfVerdict: verdict,
          dkimVerdict: verdict,
          dmarcVerdict: verdict,
          spamVerdict: verdict,
          virusVerdict: verdict,
        }),
      }),
    }),
  ),
});
export type SesEvent = z.infer<typeof sesEventSchema>;

export function verdictsOf(receipt: SesEvent['Records'][number]['ses']['receipt']): Verdicts {
  const status = (v: { status: string } | undefined) => v?.status ?? 'GRAY';
  return {
    spf: status(receipt.spfVerdict),
    dkim: status(receipt.dkimVerdict),
    dmarc: status(receipt.dmarcVerdict),
    spam: status(receipt.spamVerdict),
    virus: status(receipt.virusVerdict),
  };
}

/** Where the raw messages are: S3 in production, a folder locally. */
export interface RawMailStore {
  get(messageId: string): Promise<Buffer>;
  /** Once handled, a message is not kept: what it changed is in the table, and the person can delete that. */
  delete(messageId: string): Promise<void>;
}
