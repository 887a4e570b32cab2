// A delivery status notification (RFC 3464): which recipients failed, and whether for good. A hard bounce
// is "Action: failed" with a permanent 5.x.x status, except a full mailbox (5.2.2), which passes; SES
// counts those the same way. Exim's plain-text bounces name the failed addresses in X-Failed-Recipients.

export interface BounceReport {
  hard: boolean;
  /** The addresses that bounced for good (lower case). */
  recipients: string[];
}

/** A report's machine-readable part is short; a forged one is not read past this. */
const MAX_STATUS_CHARS = 16 * 1024;

const ADDRESS = /^[^\s<>@]{1,64}@[^\s<>@]{1,255}$/;

function address(value: string): string | undefined {
  // "rfc822; ola@example.no", "rfc822;<ola@example.no>"
  const raw = value.slice(value.indexOf(';') + 1).trim().replace(/^<|>$/g, '').toLowerCase();
  return ADDRESS.test(raw) ? raw : undefined;
}

/** Reads the per-recipient field groups of a message/delivery-status part (groups are separated by blank lines). */
export function readDeliveryStatus(status: string): BounceReport {
  const recipients: string[] = [];
  for (const group of status.slice(0, MAX_STATUS_CHARS).replace(/\r\n/g, '\n').split(/\n[ \t]*\n/)) {
    let recipient: string | undefined;
    let action = '';
    let code = '';
    for (const line of group.split('\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const field = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (field === 'final-recipient') recipient = address(value);
      else if (field === 'action') action = value.toLowerCase();
      else if (field === 'status') code = value.split(/\s/)[0] ?? '';
    }
    if (recipient && action === 'failed' && /^5\.\d{1,3}\.\d{1,3}$/.test(code) && code !== '5.2.2') recipients.push(recipient);
  }
  return { hard: recipients.length > 0, recipients: [...new Set(recipients)] };
}

/** Exim's bounce without a report part: the failed addresses are in a header, the permanence in the text. */
export function readFailedRecipientsHeader(header: string | undefined, text: string): BounceReport | undefined {
  if (!header) return undefined;
  const recipients = header
    .split(',')
    .map((a) => a.trim().replace(/^<|>$/g, '').toLowerCase())
    .filter((a) => ADDRESS.test(a));
  const permanent = /permanent (error|failure)|550|5\.\d\.\d/i.test(text.slice(0, 4000));
  return { hard: permanent && recipients.length > 0, recipients: permanent ? recipients : [] };
}
