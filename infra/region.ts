// The one region the stack deploys to, taken explicitly and checked at synth: Kompis reads replies, so the
// region must be one where SES receives email.
import type { Construct } from 'constructs';

/**
 * The regions with an SES email receiving endpoint (`inbound-smtp.<region>.amazonaws.com`).
 *
 * Source: the AWS General Reference, "Amazon Simple Email Service endpoints and quotas", section "Email
 * receiving endpoints" (https://docs.aws.amazon.com/general/latest/gr/ses.html), looked up on 2026-11-30 with
 * the project's document search. The stored copy of that page cut off before the receiving table, so the
 * list is the table as quoted in full by a public copy dated January 2024 (11 regions; an older copy listed only
 * us-east-1, us-west-2 and eu-west-1). eu-north-1 and ap-south-1 appear in MX records of public projects but in no
 * table we could read: they are left out until checked. To add a region, check the page above, add it here
 * with the date, and say so in the README.
 */
export const SES_RECEIVING_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-central-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-northeast-1',
] as const;

export const SES_RECEIVING_SOURCE = { url: 'https://docs.aws.amazon.com/general/latest/gr/ses.html', checked: '2026-11-30' };

const regionName = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * `-c region=…` first, else `CDK_DEFAULT_REGION` (the CDK CLI sets it from AWS_REGION or the profile's region,
 * and to us-east-1 when it finds none). Anything else stops the synth with what to do.
 */
export function kompisRegion(scope: Construct, env: Record<string, string | undefined> = process.env): string {
  const fromContext: unknown = scope.node.tryGetContext('region');
  const region = fromContext === undefined ? env.CDK_DEFAULT_REGION : String(fromContext);
  const choose = `one where SES receives email: ${SES_RECEIVING_REGIONS.join(', ')}`;
  if (!region) {
    throw new Error(`Kompis needs the AWS region to deploy to: pass -c region=eu-west-1 (or set CDK_DEFAULT_REGION), ${choose}.`);
  }
  if (!regionName.test(region)) throw new Error(`Kompis CDK context is invalid:\n  region: "${region}" is not a region name, e.g. -c region=eu-west-1`);
  if (!(SES_RECEIVING_REGIONS as readonly string[]).includes(region)) {
    throw new Error(
      `Kompis cannot run in ${region}: SES does not receive email there, and Kompis reads replies. Choose ${choose} ` +
        `(list from ${SES_RECEIVING_SOURCE.url}, checked ${SES_RECEIVING_SOURCE.checked}; if SES now receives in ${region}, ` +
        'add it to SES_RECEIVING_REGIONS in infra/region.ts with its source).',
    );
  }
  return region;
}
