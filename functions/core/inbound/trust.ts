// Whether a received message may change anything: SES's verdicts (SPF or DKIM passed, DMARC did not
// fail, no spam or virus), then — per recipient — that the sender is the goal's owner.
export interface Verdicts {
  spf: string;
  dkim: string;
  dmarc: string;
  spam: string;
  virus: string;
}

/** What the local SMTP path stamps on its own messages. */
export const LOCAL_VERDICTS: Verdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

export function verdictsPass(v: Verdicts): boolean {
  const is = (value: string, status: string) => value.toUpperCase() === status;
  return (is(v.spf, 'PASS') || is(v.dkim, 'PASS')) && !is(v.dmarc, 'FAIL') && !is(v.spam, 'FAIL') && !is(v.virus, 'FAIL');
}
