// Synth tests for the operator's settings: defaults that synthesize offline, and clear messages for bad values.
import { describe, expect, it } from 'vitest';
import { synth } from './synth.js';

/** The context without cdk.json's fromAddress, as `cdk synth` sees it with no cdk.json context at all. */
const withoutFrom = { fromAddress: undefined };

describe('the defaults', () => {
  it('synthesize with no flags: example.com, coach@, in. and ops@ of it, 14 emails a second', () => {
    const { stack } = synth(withoutFrom);
    expect(stack.context).toMatchObject({
      domain: 'example.com',
      fromAddress: 'Kompis <coach@example.com>',
      inboundDomain: 'in.example.com',
      alarmEmail: 'ops@example.com',
      mailFromDomain: 'mail.example.com',
      maxSendRate: 14,
      activateRuleSet: false,
      accountSuppression: false,
    });
  });

  it('follow the domain given: -c domain=Kompis.NO gives kompis.no, coach@kompis.no, in.kompis.no, mail.kompis.no', () => {
    const { stack } = synth({ ...withoutFrom, domain: 'Kompis.NO' });
    expect(stack.context).toMatchObject({
      domain: 'kompis.no',
      fromAddress: 'Kompis <coach@kompis.no>',
      inboundDomain: 'in.kompis.no',
      alarmEmail: 'ops@kompis.no',
      mailFromDomain: 'mail.kompis.no',
    });
  });
});

describe('a bad value stops the synth with a message that says what to pass', () => {
  const fails = (context: Record<string, unknown>, message: RegExp) => expect(() => synth(context)).toThrow(message);

  it('domain: not a domain name', () => {
    for (const bad of ['localhost', 'https://example.com', 'coach@example.com', 42]) {
      fails({ domain: bad }, /Kompis CDK context is invalid:\n {2}domain: must be the domain Kompis sends from, e.g. -c domain=/);
    }
  });

  it('fromAddress: no address at the domain or a subdomain of it, which SES would refuse to send from', () => {
    for (const bad of ['coach', 'Kompis <coach@example.org>', 'coach@notexample.com', '@example.com']) {
      fails({ fromAddress: bad }, /fromAddress: must be an address at example\.com or one of its subdomains, e\.g\. -c "fromAddress=Kompis <coach@example\.com>"/);
    }
  });

  it('fromAddress: an address at the domain, the MAIL FROM subdomain or another subdomain is fine', () => {
    for (const good of ['coach@example.com', 'Kompis <Coach@Example.com>', 'coach@mail.example.com', 'Kompis <coach@news.example.com>']) {
      expect(() => synth({ fromAddress: good })).not.toThrow();
    }
  });

  it('alarmEmail: not an email address', () => {
    fails({ alarmEmail: 'ops' }, /alarmEmail: must be the address alarms go to, e\.g\. -c alarmEmail=ops@example\.com/);
  });

  it('certificateArn: not an ACM certificate ARN', () => {
    fails({ certificateArn: 'arn:aws:iam::123456789012:role/x', apiDomain: 'kompis.example.com' }, /certificateArn: must be the ARN of an ACM certificate/);
  });

  it('certificateArn and apiDomain: one without the other', () => {
    fails({ apiDomain: 'kompis.example.com' }, /certificateArn: certificateArn and apiDomain go together/);
    fails({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1234' }, /apiDomain: certificateArn and apiDomain go together/);
  });

  it('accountSuppression: neither true nor false', () => {
    fails({ accountSuppression: 'yes please' }, /accountSuppression: must be true or false/);
  });

  it('lists every problem at once', () => {
    fails({ domain: 'nope', alarmEmail: 'ops', maxSendRate: 0 }, /domain: .*\n {2}alarmEmail: .*\n {2}maxSendRate: /);
  });
});
