// Keys for received mail. A message's key names one delivery of one message to one recipient: SES gives a
// retried event the same message id, so the key makes a retry change nothing twice and answer once. Logs
// name addresses only by a short hash: a signed reply address is a capability, and an address is personal.
import { createHash } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/** The same for every delivery of this message to this recipient. */
export function messageKey(messageId: string, recipient: string): string {
  return digest(`${messageId}\n${recipient.toLowerCase()}`).slice(0, 16);
}

/** A short, one-way name for an address or a signed local part, for logs and counters. */
export function addressHash(address: string): string {
  return digest(`kompis-log:${address.toLowerCase()}`).slice(0, 12);
}

/** An error text with every address in it replaced by its hash, for logs. */
export function redactAddresses(text: string): string {
  return text.slice(0, 500).replace(/[^\s@<>"'()]{1,64}@[^\s@<>"'()]{1,255}/g, (address) => `<address ${addressHash(address)}>`);
}

/**
 * The current ISO week in UTC, "2026-W10": the window for once-a-week answers. Plain UTC arithmetic (no time
 * zone is involved), so the web function's error reporting, which imports this module, does not load luxon;
 * test/unit/iso-week.test.ts checks it against luxon over any instant.
 */
export function isoWeek(date: Date): string {
  // The week belongs to the year its Thursday is in.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
