// Which From a verdict vouches for: DMARC when the domain has it, else SPF for the From's own domain.
import { describe, expect, it } from 'vitest';
import { fromIsVouchedFor, LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';

const verdicts = (spf: string, dkim: string, dmarc: string) => ({ ...LOCAL_VERDICTS, spf, dkim, dmarc });

describe('whether the From is vouched for', () => {
  it('takes a DMARC pass, refuses a DMARC fail whatever SPF says', () => {
    expect(fromIsVouchedFor(verdicts('FAIL', 'PASS', 'PASS'), 'ola@example.com', 'bounce@mailer.example')).toBe(true);
    expect(fromIsVouchedFor(verdicts('PASS', 'PASS', 'FAIL'), 'ola@example.com', 'ola@example.com')).toBe(false);
  });

  it('without DMARC, takes an SPF pass only for the From’s domain, its subdomain or its parent', () => {
    const noDmarc = verdicts('PASS', 'GRAY', 'GRAY');
    expect(fromIsVouchedFor(noDmarc, 'ola@example.com', 'ola@example.com')).toBe(true);
    expect(fromIsVouchedFor(noDmarc, 'ola@example.com', 'bounces@mail.example.com')).toBe(true);
    expect(fromIsVouchedFor(noDmarc, 'ola@sales.example.com', 'x@example.com')).toBe(true);
    expect(fromIsVouchedFor(noDmarc, 'ola@example.com', 'x@attacker.example')).toBe(false);
    expect(fromIsVouchedFor(noDmarc, 'ola@example.com', 'x@evil-example.com')).toBe(false);
    expect(fromIsVouchedFor(noDmarc, 'ola@example.com', '')).toBe(false);
    // DKIM alone: SES does not say which signature passed, so it cannot tie the From to anyone.
    expect(fromIsVouchedFor(verdicts('FAIL', 'PASS', 'GRAY'), 'ola@example.com', 'ola@example.com')).toBe(false);
  });
});
