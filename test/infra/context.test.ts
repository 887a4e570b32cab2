// Synth tests for the operator's settings: defaults that synthesize offline, and clear messages for bad values.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SES_RECEIVING_REGIONS, SES_RECEIVING_SOURCE } from '../../infra/region.js';
import { synth } from './synth.js';

afterEach(() => vi.unstubAllEnvs());

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

describe('the region', () => {
  it('is the one given with -c region, and every regional name in the template follows it', () => {
    const { stack, template } = synth({ region: 'us-west-2' });
    expect(stack.region).toBe('us-west-2');
    expect(template.toJSON().Outputs.InboundMxRecord.Value).toBe('in.example.com MX 10 inbound-smtp.us-west-2.amazonaws.com');
  });

  it("else CDK_DEFAULT_REGION, which the CDK CLI sets from the operator's configuration; -c region wins over it", () => {
    vi.stubEnv('CDK_DEFAULT_REGION', 'eu-central-1');
    expect(synth({ region: undefined }).stack.region).toBe('eu-central-1');
    expect(synth({ region: 'eu-west-2' }).stack.region).toBe('eu-west-2');
  });

  it('is required: without one the synth stops and says how to pass it', () => {
    vi.stubEnv('CDK_DEFAULT_REGION', undefined);
    expect(() => synth({ region: undefined })).toThrow(/Kompis needs the AWS region to deploy to: pass -c region=eu-west-1 \(or set CDK_DEFAULT_REGION\), one where SES receives email: us-east-1, /);
  });

  it('must be one where SES receives email: eu-north-1 (the local default) and us-west-1 are refused, with the list and its source', () => {
    for (const region of ['eu-north-1', 'us-west-1', 'ap-south-2']) {
      expect(() => synth({ region })).toThrow(new RegExp(`Kompis cannot run in ${region}: SES does not receive email there`));
    }
    expect(() => synth({ region: 'eu-north-1' })).toThrow(/list from https:\/\/docs\.aws\.amazon\.com\/general\/latest\/gr\/ses\.html, checked 2026-11-30/);
    expect(() => synth({ region: 'Ireland' })).toThrow(/region: "Ireland" is not a region name/);
  });

  it('may be any region of the list, each of which has an inbound-smtp endpoint', () => {
    expect(SES_RECEIVING_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-west-1']));
    expect(SES_RECEIVING_SOURCE.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const region of SES_RECEIVING_REGIONS) expect(synth({ region }).stack.region).toBe(region);
  });
});
