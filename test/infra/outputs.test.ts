// Synth tests for the stack outputs: the URL, and every DNS record the operator must create by hand.
import { describe, expect, it } from 'vitest';
import { MAX_RECEIVES } from '../../functions/core/ports.js';
import { logicalIdOf, propertiesOf, synth, TEST_REGION } from './synth.js';

const context = { domain: 'kompis.example.com', fromAddress: 'coach@kompis.example.com', inboundDomain: 'in.kompis.example.com', alarmEmail: 'ops@example.org' };
const { stack, template } = synth(context);
const identityId = logicalIdOf(stack.outboundMail.identity);
const outputs = template.toJSON().Outputs as Record<string, { Value: unknown; Description?: string }>;

describe('the DNS records', () => {
  it('include the three DKIM CNAMEs of the domain identity, as name CNAME value', () => {
    for (const n of [1, 2, 3]) {
      expect(outputs[`DkimRecord${n}`]!.Value).toEqual({
        'Fn::Join': ['', [{ 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] }, ' CNAME ', { 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] }]],
      });
    }
  });

  it("include the MAIL FROM domain's MX, pointing at SES's feedback endpoint in the stack's region, and its SPF TXT", () => {
    expect(outputs.MailFromMxRecord!.Value).toBe(`mail.kompis.example.com MX 10 feedback-smtp.${TEST_REGION}.amazonses.com`);
    expect(outputs.MailFromSpfRecord!.Value).toBe('mail.kompis.example.com TXT "v=spf1 include:amazonses.com ~all"');
  });

  it('include a DMARC record that only reports, to the alarm address', () => {
    expect(outputs.DmarcRecord!.Value).toBe('_dmarc.kompis.example.com TXT "v=DMARC1; p=none; rua=mailto:ops@example.org"');
  });

  it("include the inbound domain's MX, pointing at SES's inbound endpoint in the stack's region", () => {
    expect(outputs.InboundMxRecord!.Value).toBe(`in.kompis.example.com MX 10 inbound-smtp.${TEST_REGION}.amazonaws.com`);
  });

  it('need no DKIM records for the inbound domain when it lies under the sending domain', () => {
    expect(Object.keys(outputs).filter((id) => id.startsWith('InboundDkim'))).toEqual([]);
  });
});

describe('the rest', () => {
  it("include the API's own URL, the configuration set's name and the signing secret's ARN", () => {
    expect(JSON.stringify(outputs.ApiUrl!.Value)).toContain(logicalIdOf(stack.web.api));
    expect(outputs.ConfigurationSetName!.Value).toEqual({ Ref: logicalIdOf(stack.outboundMail.configurationSet) });
    expect(outputs.SigningSecretArn!.Value).toEqual({ Ref: logicalIdOf(stack.signingSecret) });
  });

  it('say how many times an email failed before it reached the dead letters: as often as the queue tries it', () => {
    expect(outputs.SendDeadLetterQueueName!.Description).toContain(`failed ${MAX_RECEIVES} times`);
    expect(MAX_RECEIVES).toBe(10);
  });
});

describe('a custom domain for the web', () => {
  const certificateArn = 'arn:aws:acm:eu-north-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
  const custom = synth({ ...context, certificateArn, apiDomain: 'Kompis.Example.com' });
  const domainName = custom.stack.web.domainName!;

  it('is a regional API Gateway domain with the given certificate, mapped to the $default stage', () => {
    expect(propertiesOf(custom.template, domainName)).toEqual({
      DomainName: 'kompis.example.com',
      DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL' }],
    });
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: logicalIdOf(custom.stack.web.api) },
      DomainName: { Ref: logicalIdOf(domainName) },
      Stage: '$default',
    });
  });

  it('is the URL people open and the one every link carries', () => {
    const customOutputs = custom.template.toJSON().Outputs as typeof outputs;
    expect(customOutputs.ApiUrl!.Value).toBe('https://kompis.example.com/');
    expect(propertiesOf(custom.template, custom.stack.feedback.handler)).toMatchObject({
      Environment: { Variables: { KOMPIS_BASE_URL: 'https://kompis.example.com/' } },
    });
  });

  it('comes with the CNAME record that points it at the API', () => {
    const customOutputs = custom.template.toJSON().Outputs as typeof outputs;
    expect(customOutputs.ApiDomainRecord!.Value).toEqual({
      'Fn::Join': ['', ['kompis.example.com CNAME ', { 'Fn::GetAtt': [logicalIdOf(domainName), 'RegionalDomainName'] }]],
    });
  });

  it('is absent without certificateArn: no domain, no mapping, no record', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    expect(outputs).not.toHaveProperty('ApiDomainRecord');
  });
});
