// Whether a received message may change anything: SES's verdicts (SPF or DKIM passed, DMARC did not
// fail, no spam or virus); that its From is vouched for (DMARC passed, or SPF passed for the very domain
// of the From); then — per recipient — that the sender is the goal's owner.
export interface Verdicts {
  spf: string;
  dkim: string;
  dmarc: string;
  spam: string;
  virus: string;
}

/** What the local SMTP path stamps on its own messages. */
export const LOCAL_VERDICTS: Verdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

/**
 * SPF and DKIM vouch for the envelope sender and the signing domain, not for the From a person reads.
 * DMARC ties them to the From; without a DMARC record at the sender's domain (GRAY), only an SPF pass
 * for an envelope sender at the From's own domain (or a subdomain of it, or it of that) does. DKIM alone
 * cannot: SES does not say which of a message's signatures passed.
 */
export function fromIsVouchedFor(v: Verdicts, from: string, envelopeFrom: string): boolean {
  const dmarc = v.dmarc.toUpperCase();
  if (dmarc === 'PASS') return true;
  if (dmarc === 'FAIL' || v.spf.toUpperCase() !== 'PASS') return false;
  const domain = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const [a, b] = [domain(from), domain(envelopeFrom)];
  return a !== '' && b !== '' && (a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`));
}

export function verdictsPass(v: Verdicts): boolean {
  const is = (value: string, status: string) => value.toUpperCase() === status;
  return (is(v.spf, 'PASS') || is(v.dkim, 'PASS')) && !is(v.dmarc, 'FAIL') && !is(v.spam, 'FAIL') && !is(v.virus, 'FAIL');
}
