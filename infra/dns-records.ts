// Stack outputs for the DNS records the operator creates by hand: the stack manages no DNS zone.
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { DkimRecord } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';

/** One output per record, as `name TYPE value`, the way zone files and most DNS consoles read them. */
function record(scope: Construct, id: string, parts: string[], description: string): void {
  new CfnOutput(scope, id, { value: parts.join(' '), description });
}

/** The three Easy DKIM CNAMEs: they sign the mail and verify the domain in SES. */
export function outputDkimRecords(scope: Construct, idPrefix: string, records: DkimRecord[], domain: string): void {
  records.forEach(({ name, value }, index) => {
    record(scope, `${idPrefix}${index + 1}`, [name, 'CNAME', value], `DKIM record ${index + 1} of 3 for ${domain}: signs mail and verifies the domain in SES`);
  });
}

export interface SendingDnsProps {
  readonly domain: string;
  readonly mailFromDomain: string;
  /** Where DMARC reports go. */
  readonly reportEmail: string;
}

/** MAIL FROM MX and SPF, and a DMARC policy that only reports, to start with. */
export function outputSendingRecords(scope: Construct, props: SendingDnsProps): void {
  record(scope, 'MailFromMxRecord', [props.mailFromDomain, 'MX', `10 feedback-smtp.${Stack.of(scope).region}.amazonses.com`], 'Bounces to the MAIL FROM domain reach SES');
  record(scope, 'MailFromSpfRecord', [props.mailFromDomain, 'TXT', '"v=spf1 include:amazonses.com ~all"'], 'SPF for the MAIL FROM domain: SES may send for it');
  record(
    scope,
    'DmarcRecord',
    [`_dmarc.${props.domain}`, 'TXT', `"v=DMARC1; p=none; rua=mailto:${props.reportEmail}"`],
    'Suggested DMARC: reports only; move to p=quarantine once the reports show only SES sending for the domain',
  );
}

export function outputInboundMxRecord(scope: Construct, inboundDomain: string): void {
  // SES receives in a few regions only (infra/region.ts refuses the others): the endpoint of the stack's region.
  record(scope, 'InboundMxRecord', [inboundDomain, 'MX', `10 inbound-smtp.${Stack.of(scope).region}.amazonaws.com`], 'Replies to Kompis reach SES in this region');
}

export function outputApiDomainRecord(scope: Construct, apiDomain: string, target: string): void {
  record(scope, 'ApiDomainRecord', [apiDomain, 'CNAME', target], 'Points the custom domain at the API (or an alias A record, in Route 53)');
}
