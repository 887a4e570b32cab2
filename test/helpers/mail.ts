// Raw messages for inbound tests, built by nodemailer's MIME composer like a real client's would be.
import MailComposer from 'nodemailer/lib/mail-composer';

export interface RawMailOptions {
  from: string;
  to: string;
  subject?: string;
  text?: string;
  html?: string;
  cc?: string;
  headers?: Record<string, string>;
  inReplyTo?: string;
}

export function rawMail(options: RawMailOptions): Promise<Buffer> {
  return new MailComposer({
    from: options.from,
    to: options.to,
    ...(options.cc ? { cc: options.cc } : {}),
    subject: options.subject ?? 'Re: Week 1 of 3: how many this week?',
    ...(options.text !== undefined ? { text: options.text } : {}),
    ...(options.html !== undefined ? { html: options.html } : {}),
    headers: options.headers ?? {},
    ...(options.inReplyTo ? { inReplyTo: options.inReplyTo } : {}),
  })
    .compile()
    .build();
}

/** A Norwegian Gmail reply: new text, the quote header, the quoted check-in. */
export function gmailReplyNb(newText: string): string {
  return `${newText}\n\nDen fre. 6. mars 2026 kl. 15:00 skrev Kompis <coach@kompis.localhost>:\n> Uke 1 av 3.\n> Hvor mange ble det denne uka?\n> Klikk på tallet ditt for uke 1:\n>   0: https://kompis.example.com/r/x\n>   1: https://kompis.example.com/r/y\n>   3 eller flere: https://kompis.example.com/r/z\n`;
}

/** A delivery status notification (RFC 3464) as Postfix writes one: a human part and the machine-readable one. */
export function deliveryReport(options: { from?: string; to: string; failed: string; status?: string; human?: string; returned?: string }): string {
  return [
    `From: ${options.from ?? 'MAILER-DAEMON@mx.example.com (Mail Delivery System)'}`,
    `To: ${options.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    options.human ?? 'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.com',
    '',
    `Final-Recipient: rfc822; ${options.failed}`,
    'Action: failed',
    `Status: ${options.status ?? '5.1.1'}`,
    ...(options.returned ? ['--B', 'Content-Type: message/rfc822', '', options.returned] : []),
    '--B--',
    '',
  ].join('\r\n');
}
