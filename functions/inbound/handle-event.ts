// The one inbound entry over the core, for the Lambda and the local SMTP server alike.
import type { Deps, RawMailStore } from '../core/ports.js';
import { handleInbound, type InboundResult, type Log } from '../core/inbound/inbound.js';
import { redactAddresses } from '../core/emails/message-key.js';
import { sesEventSchema, verdictsOf } from '../adapters/aws-events.js';

export async function handleSesEvent(deps: Deps, rawMail: RawMailStore, event: unknown, log: Log): Promise<InboundResult[]> {
  const parsed = sesEventSchema.safeParse(event);
  if (!parsed.success) {
    log({ level: 'error', msg: 'not an SES receipt event', issues: parsed.error.issues.slice(0, 3) });
    return [];
  }
  const results: InboundResult[] = [];
  for (const { ses } of parsed.data.Records) {
    const raw = await rawMail.get(ses.mail.messageId);
    const message = { messageId: ses.mail.messageId, raw, recipients: ses.receipt.recipients, verdicts: verdictsOf(ses.receipt), envelopeFrom: ses.mail.source };
    try {
      results.push(...(await handleInbound(deps, message, log)));
    } catch (error) {
      // Thrown so SES's event is retried; what Lambda logs of it names no address (an SES refusal names
      // the recipient).
      const text = redactAddresses(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      log({ level: 'error', msg: 'inbound failed, will be retried', messageId: ses.mail.messageId, error: text });
      throw new Error(text);
    }
    // Handled (or dropped): the raw mail goes. Should handling throw, it stays for SES's retry, and the
    // bucket's 30-day expiry removes what never succeeds.
    await rawMail.delete(ses.mail.messageId);
  }
  return results;
}
