// The Mailer on SES: the MIME is built by nodemailer's MailComposer and sent with SendRawEmail,
// so any header (List-Unsubscribe, signed Reply-To) travels as written.
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import addressparser from 'nodemailer/lib/addressparser';
import { SendOutcomeUnknown, SendRefused, type Mailer, type OutgoingEmail } from '../core/ports.js';
import { sendKeyTags } from './ses-tags.js';

const LINE_BREAK = /[\r\n]/;
// An RFC 2047 encoded-word's bounds. The composer leaves an ASCII subject as written, and a reader's mail
// client would decode "=?utf-8?b?…?=" in it into any text, a link even: such a subject goes out encoded
// whole, so the reader sees the characters typed.
const ENCODED_WORD = /=\?[\s\S]*\?=/;

export interface SesMailerOptions {
  from: string;
  configurationSet?: string | undefined;
  /** Domain for Message-ID values. */
  messageIdDomain: string;
}

interface Mailbox {
  name: string;
  address: string;
}

export class SesMailer implements Mailer {
  /** The configured From, parsed once: its address sends everything, its name labels the Reply-To. */
  private readonly sender: Mailbox;

  constructor(
    private readonly ses: SESClient,
    private readonly options: SesMailerOptions,
  ) {
    const [first] = addressparser(options.from, { flatten: true });
    if (!first?.address) throw new Error(`KOMPIS_FROM has no address: ${JSON.stringify(options.from)}`);
    this.sender = { name: first.name || 'Kompis', address: first.address };
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await this.compose(email);
    try {
      const result = await this.ses.send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
          ...(email.sendKey ? { Tags: sendKeyTags(email.sendKey) } : {}),
        }),
      );
      return { messageId: result.MessageId ?? '' };
    } catch (error) {
      throw acceptedMaybe(error) ? new SendOutcomeUnknown(error) : new SendRefused(error);
    }
  }

  /** The raw MIME message exactly as SES receives it. */
  async compose(email: OutgoingEmail): Promise<Buffer> {
    const headers = email.headers ?? {};
    const visible = { To: email.to, Subject: email.subject, 'Reply-To': email.replyTo ?? '', From: email.fromName ?? '' };
    const threading = { 'In-Reply-To': email.inReplyTo ?? '', References: (email.references ?? []).join(' ') };
    for (const [name, value] of Object.entries({ ...headers, ...threading, ...visible })) {
      if (LINE_BREAK.test(name) || LINE_BREAK.test(value)) throw new Error(`line break in header ${JSON.stringify(name)}`);
    }
    for (const [name, value] of Object.entries(headers)) {
      // Prepared headers skip encoding, so they must be plain ASCII within the line limit.
      if (!/^[\x20-\x7e]*$/.test(value) || value.length > 900) throw new Error(`header ${name} must be ASCII under 900 characters`);
    }
    // Loaded on the first send, not at import: the web function's pages that send nothing never load it.
    const [{ default: MailComposer }, { encodeWord }] = await Promise.all([import('nodemailer/lib/mail-composer'), import('nodemailer/lib/mime-funcs')]);
    const composer = new MailComposer({
      // "Ola Nordmann via Kompis" keeps Kompis's address: only the display name speaks for someone else.
      from: email.fromName ? { name: email.fromName, address: this.sender.address } : this.options.from,
      to: email.to,
      subject: ENCODED_WORD.test(email.subject) ? encodeWord(email.subject, 'B', 52) : email.subject,
      text: email.text,
      html: email.html,
      ...(email.replyTo ? { replyTo: this.namedReplyTo(email.replyTo) } : {}),
      // The composer's own threading options: it writes In-Reply-To and References itself (a References
      // passed as a prepared custom header came out as "<[object> <Object]>").
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(email.references?.length ? { references: email.references } : {}),
      // Prepared: sent as written, not folded — List-Unsubscribe must reach mail providers on one line.
      headers: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, { prepared: true, value }])),
      messageId: `<${crypto.randomUUID()}@${this.options.messageIdDomain}>`,
      date: new Date(),
      textEncoding: 'quoted-printable',
    });
    return composer.compile().build();
  }

  /**
   * A reply address without a name gets the sender's ("Kompis"), whatever kind of email sets it: a reader
   * replying sees "To: Kompis", not a long signed address. An address that comes with a name keeps it.
   */
  private namedReplyTo(replyTo: string): Mailbox | string {
    const parsed = addressparser(replyTo, { flatten: true });
    const [only] = parsed;
    return parsed.length === 1 && only?.address && !only.name ? { name: this.sender.name, address: only.address } : replyTo;
  }
}

/**
 * SES answered with a 4xx (throttled, rejected, not verified): it did not take the email. No answer at
 * all (timeout, connection lost after the request went out) or a 5xx: it may have.
 */
function acceptedMaybe(error: unknown): boolean {
  const { $metadata, code } = error as { $metadata?: { httpStatusCode?: number }; code?: string };
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return false;
  const status = $metadata?.httpStatusCode;
  return status === undefined || status >= 500;
}
