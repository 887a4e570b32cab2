// The Mailer on SES: the MIME is built by nodemailer's MailComposer and sent with SendRawEmail,
// so any header (List-Unsubscribe, signed Reply-To) travels as written.
import { SendRawEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingEmail } from '../core/ports.js';

const LINE_BREAK = /[\r\n]/;

export interface SesMailerOptions {
  from: string;
  configurationSet?: string | undefined;
  /** Domain for Message-ID values. */
  messageIdDomain: string;
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly options: SesMailerOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const headers = email.headers ?? {};
    for (const [name, value] of Object.entries({ ...headers, To: email.to, Subject: email.subject, 'Reply-To': email.replyTo ?? '' })) {
      if (LINE_BREAK.test(name) || LINE_BREAK.test(value)) throw new Error(`line break in header ${JSON.stringify(name)}`);
    }
    const composer = new MailComposer({
      from: this.options.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
      headers,
      messageId: `<${crypto.randomUUID()}@${this.options.messageIdDomain}>`,
      date: new Date(),
      textEncoding: 'quoted-printable',
    });
    const raw = await composer.compile().build();
    const result = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        ...(this.options.configurationSet ? { ConfigurationSetName: this.options.configurationSet } : {}),
      }),
    );
    return { messageId: result.MessageId ?? '' };
  }
}
