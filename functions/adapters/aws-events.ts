// Every AWS event Kompis receives, read into core's own types: the SES receipt event, SES feedback and Send
// events wrapped in SNS, the SQS batch of the send queue, and API Gateway's request context. Core knows no
// AWS shape; the fixtures these are tested against are in test/fixtures/events/.
// zod/mini: the feedback and send functions load this, and want a small bundle (see config.ts).
import * as z from 'zod/mini';
import type { Feedback } from '../core/emails/feedback.js';
import type { Verdicts } from '../core/inbound/trust.js';
import type { QueueRecord } from '../core/weekly/send.js';
import { sendKeyFromTags } from './ses-tags.js';

// The SES receipt event (S3 action first, then the inbound Lambda): which message, for whom, and SES's
// verdicts. The local SMTP server builds the same shape, so both paths run the same code.

const verdict = z.optional(z.object({ status: z.string() }));

export const sesEventSchema = z.object({
  Records: z.array(
    z.object({
      eventSource: z.literal('aws:ses'),
      ses: z.object({
        mail: z.object({ messageId: z.string().check(z.regex(/^[\w.@-]{1,200}$/)), source: z.string() }),
        receipt: z.object({
          recipients: z.array(z.string()).check(z.minLength(1), z.maxLength(50)),
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

/** SNS delivering to a Lambda: each record's Message is the JSON text of what was published. */
const snsEventSchema = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

/** The published messages of an SNS event, JSON-parsed; a message that is no JSON is skipped. Undefined for no SNS event. */
export function snsMessagesOf(event: unknown): unknown[] | undefined {
  const parsed = snsEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  return parsed.data.Records.flatMap((record) => {
    try {
      return [JSON.parse(record.Sns.Message) as unknown];
    } catch {
      return [];
    }
  });
}

const recipient = z.object({ emailAddress: z.string() });

/** An SES event publishing (eventType) or notification (notificationType) message. */
export const sesFeedbackSchema = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: z.array(recipient) })),
  complaint: z.optional(z.object({ complainedRecipients: z.array(recipient) })),
  mail: z.optional(z.object({ messageId: z.optional(z.string()), tags: z.optional(z.record(z.string(), z.array(z.string()))) })),
});

/** What an SES feedback or Send event says, in core's terms; anything else is `{ kind: 'other' }`. */
export function parseSesFeedback(message: unknown): Feedback {
  const parsed = sesFeedbackSchema.safeParse(message);
  if (!parsed.success) return { kind: 'other' };
  const { bounce, complaint, mail } = parsed.data;
  if ((parsed.data.eventType ?? parsed.data.notificationType) === 'Send') {
    const sendKey = sendKeyFromTags(mail?.tags);
    return sendKey ? { kind: 'sent', sendKey, messageId: mail?.messageId ?? '' } : { kind: 'other' };
  }
  return {
    kind: 'suppress',
    addresses: [
      ...(bounce?.bounceType === 'Permanent' ? bounce.bouncedRecipients.map((r) => [r.emailAddress, 'bounce'] as [string, 'bounce']) : []),
      ...(complaint ? complaint.complainedRecipients.map((r) => [r.emailAddress, 'complaint'] as [string, 'complaint']) : []),
    ],
  };
}

/** The send queue's SQS batch; throws on anything else (the function fails, as for a malformed batch). */
const sqsEventSchema = z.object({ Records: z.array(z.object({ messageId: z.string(), body: z.string() })) });

export function sqsRecordsOf(event: unknown): QueueRecord[] {
  return sqsEventSchema.parse(event).Records;
}

/** The partial batch response (ReportBatchItemFailures): SQS delivers these records again. */
export function sqsBatchResponse(failed: string[]): { batchItemFailures: { itemIdentifier: string }[] } {
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}

/** What the runtime tells about the connection: API Gateway's request context (hono/aws-lambda), or the socket (@hono/node-server). */
export interface ConnectionBindings {
  requestContext?: { http?: { sourceIp?: string } };
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The client's address: API Gateway's own record of it in AWS, the socket's peer locally — never a header. */
export function sourceIpOf(bindings: ConnectionBindings | undefined): string | undefined {
  return bindings?.requestContext?.http?.sourceIp ?? bindings?.incoming?.socket?.remoteAddress;
}
