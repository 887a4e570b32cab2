// Is it mail at all? Before any word of a message is read: a delivery report (multipart/report with
// message/delivery-status, or from MAILER-DAEMON/postmaster, or Exim's X-Failed-Recipients), a read receipt
// (message/disposition-notification, "Read:"/"Lest:"), an auto-reply (auto-reply.ts), or a person writing.
// Only a person's mail is counted or answered.
import { isAutoReply, type HeaderLookup } from './auto-reply.js';
import { readDeliveryStatus, readFailedRecipientsHeader, type BounceReport } from './delivery-report.js';

export type MailKind = 'person' | 'auto-reply' | 'bounce' | 'receipt';

export interface MailFacts {
  header: HeaderLookup;
  /** The top-level Content-Type and its report-type parameter, lower case. */
  contentType: string;
  reportType: string;
  /** The From address, lower case. */
  from: string;
  fromName: string;
  subject: string;
  /** The start of the body text. */
  text: string;
  /** Machine-readable report parts: message/delivery-status, message/disposition-notification. */
  parts: { contentType: string; content: string }[];
}

export interface Classified {
  kind: MailKind;
  bounce?: BounceReport;
}

const DAEMONS = /^(mailer-daemon|mail-daemon|mailerdaemon|postmaster|mail.delivery.subsystem|bounces?|mdaemon|nobody)$/i;
const DAEMON_NAMES = /^(mail delivery (system|subsystem|service)|mailer-daemon|postmaster|microsoft outlook|delivery status notification)$/i;
const BOUNCE_SUBJECT = /^\s*(undeliver(able|ed)|undelivered mail|delivery (status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|non.?delivery|kan ikke leveres|levering (mislyktes|feilet)|kunde inte levereras|olevererbart|kunne ikke leveres|unzustellbar|nicht zustellbar|message not delivered)/iu;
// A read notice written as plain text ("Your message … was read on …", "Meldingen din … ble lest …").
const RECEIPT_BODY = /\b(was read on|was read at|was deleted without being read|ble lest|ble slettet uten å bli lest|lästes|blev læst|wurde am .{1,40} gelesen|a été lu)\b/iu;
const RECEIPT_SUBJECT = /^\s*(read|not read|lest|ikke lest|läst|inte läst|læst|ikke læst|gelesen|nicht gelesen|return receipt|lu|leído)\s*(:|\(|-)/iu;

/**
 * Whether an address is a mail system's own (MAILER-DAEMON, postmaster, Exchange's "MicrosoftExchange<hex>"),
 * not a person's mailbox: only a mail system reports that a mailbox is gone.
 */
export function isMailSystem(address: string): boolean {
  const local = address.slice(0, address.lastIndexOf('@'));
  return DAEMONS.test(local) || /^microsoftexchange[0-9a-f]{32}$/i.test(local);
}

/** "Return-Path: <>": the null sender RFC 3834 asks automatic mail to use. */
function nullSender(facts: MailFacts): boolean {
  const returnPath = facts.header('return-path');
  return returnPath !== undefined && /^\s*<?\s*>?\s*$/.test(returnPath);
}

export function classifyMail(facts: MailFacts): Classified {
  const status = facts.parts.find((p) => p.contentType === 'message/delivery-status');
  if (facts.contentType === 'multipart/report' && facts.reportType === 'delivery-status') {
    return { kind: 'bounce', bounce: status ? readDeliveryStatus(status.content) : { hard: false, recipients: [] } };
  }
  if (facts.reportType === 'disposition-notification' || facts.parts.some((p) => p.contentType === 'message/disposition-notification')) return { kind: 'receipt' };
  if (status) return { kind: 'bounce', bounce: readDeliveryStatus(status.content) };
  const failed = readFailedRecipientsHeader(facts.header('x-failed-recipients'), facts.text);
  if (failed) return { kind: 'bounce', bounce: failed };
  const local = facts.from.slice(0, facts.from.lastIndexOf('@'));
  if (DAEMONS.test(local) || (DAEMON_NAMES.test(facts.fromName.trim()) && BOUNCE_SUBJECT.test(facts.subject)) || facts.header('x-ms-exchange-message-is-ndr') !== undefined) {
    return { kind: 'bounce' };
  }
  if (BOUNCE_SUBJECT.test(facts.subject) && nullSender(facts)) return { kind: 'bounce' };
  if (RECEIPT_SUBJECT.test(facts.subject) && (facts.contentType === 'multipart/report' || RECEIPT_BODY.test(facts.text.slice(0, 600)))) return { kind: 'receipt' };
  if (nullSender(facts) || isAutoReply(facts.header, facts.subject, facts.text)) return { kind: 'auto-reply' };
  return { kind: 'person' };
}
