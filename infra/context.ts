// The operator's settings (cdk.json or `-c key=value`), checked with zod at synth so a bad value stops the deploy early.
import type { Construct } from 'constructs';
import * as z from 'zod';
import { INBOUND_CONCURRENCY } from './constructs/inbound-mail.js';

/** Labels of letters, digits and inner hyphens, at least two of them: a subset of what functions/config.ts accepts. */
const domainName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const certificateArnPattern = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+$/;

const hint = {
  domain: 'must be the domain Kompis sends from, e.g. -c domain=kompis.example.com',
  inboundDomain: 'must be the domain that receives replies, e.g. -c inboundDomain=in.kompis.example.com',
  apiDomain: 'must be the domain name the web is served at, e.g. -c apiDomain=kompis.example.com',
  sendRate: "must be SES's maximum send rate in emails per second, e.g. -c maxSendRate=14",
  sandboxRecipients: 'must be verified email addresses, comma-separated, e.g. -c sandboxRecipients=you@example.org',
  inboundConcurrency: 'must be a number of concurrent runs from 1 to 100, or none, e.g. -c inboundConcurrency=5',
};

/** A domain name, lower-cased like functions/config.ts does, so every resource and function names the same one. */
const domain = (error: string) =>
  z
    .string({ error })
    .regex(domainName, { error })
    .transform((value) => value.toLowerCase());

/** A whole number of concurrent Lambda runs, 1–100 (`-c` gives a string, cdk.json a number). */
const concurrentRuns = (error: string) => z.coerce.number({ error }).int({ error }).min(1, { error }).max(100, { error });

// `-c flag=true` arrives as a string, cdk.json gives a boolean.
const flag = (error: string) => z.union([z.boolean(), z.stringbool()], { error }).default(false);

const contextSchema = z
  .object({
    // Only so that a bare `cdk synth` works offline; a real deploy passes its own (README: Deploy to AWS).
    domain: domain(hint.domain).default('example.com'),
    fromAddress: z.string({ error: 'must be the From address, e.g. -c "fromAddress=Kompis <coach@example.com>"' }).min(3).optional(),
    inboundDomain: domain(hint.inboundDomain).optional(),
    alarmEmail: z.email({ error: 'must be the address alarms go to, e.g. -c alarmEmail=ops@example.com' }).optional(),
    baseUrl: z.url({ error: 'must be the public base URL, e.g. -c baseUrl=https://kompis.example.com' }).optional(),
    certificateArn: z
      .string()
      .regex(certificateArnPattern, { error: 'must be the ARN of an ACM certificate in the stack\'s region, e.g. arn:aws:acm:eu-west-1:123456789012:certificate/…' })
      .optional(),
    apiDomain: domain(hint.apiDomain).optional(),
    // Coerced: `-c maxSendRate=20` arrives as a string, cdk.json gives a number. 14 is SES's usual production quota.
    maxSendRate: z.coerce
      .number({ error: hint.sendRate })
      .positive({ error: hint.sendRate })
      .max(2000, { error: 'must be at most 2000 emails per second' })
      .default(14),
    // A number, or "none" for an account whose concurrency limit leaves nothing to reserve (infra/constructs/inbound-mail.ts).
    inboundConcurrency: z
      .union([z.literal('none'), concurrentRuns(hint.inboundConcurrency)], { error: hint.inboundConcurrency })
      .default(INBOUND_CONCURRENCY),
    // Comma-separated in `-c`, a list in cdk.json; addresses verified in SES, for a trial in the sandbox only.
    sandboxRecipients: z
      .union([z.array(z.string()), z.string().transform((list) => list.split(',').map((a) => a.trim()))])
      .pipe(z.array(z.email({ error: hint.sandboxRecipients }), { error: hint.sandboxRecipients }))
      .default([]),
    activateRuleSet: flag('must be true or false, e.g. -c activateRuleSet=true'),
    accountSuppression: flag('must be true or false, e.g. -c accountSuppression=true'),
  })
  .superRefine((context, issues) => {
    if (context.fromAddress !== undefined && !isAtDomain(addressOf(context.fromAddress), context.domain)) {
      issues.addIssue({
        code: 'custom',
        path: ['fromAddress'],
        // SES signs and sends only for the verified domain (and, through it, its subdomains such as the MAIL FROM one).
        message: `must be an address at ${context.domain} or one of its subdomains, e.g. -c "fromAddress=Kompis <coach@${context.domain}>"`,
      });
    }
    if ((context.certificateArn === undefined) !== (context.apiDomain === undefined)) {
      issues.addIssue({
        code: 'custom',
        path: [context.certificateArn === undefined ? 'certificateArn' : 'apiDomain'],
        message: 'certificateArn and apiDomain go together: the custom domain needs both',
      });
    }
  });

type ParsedContext = z.infer<typeof contextSchema>;

/** The checked context, with the defaults that follow from `domain` filled in. */
export interface KompisContext extends Omit<ParsedContext, 'fromAddress' | 'inboundDomain' | 'alarmEmail'> {
  readonly fromAddress: string;
  readonly inboundDomain: string;
  readonly alarmEmail: string;
  /** The subdomain SES uses as MAIL FROM (the envelope sender), so SPF aligns with the From domain. */
  readonly mailFromDomain: string;
}

/** Reads and checks the context once; bad values stop the synth with every problem listed. */
export function readKompisContext(scope: Construct): KompisContext {
  const raw = Object.fromEntries(Object.keys(contextSchema.shape).map((key) => [key, scope.node.tryGetContext(key)]));
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Kompis CDK context is invalid:\n${lines.join('\n')}`);
  }
  const context = parsed.data;
  return {
    ...context,
    fromAddress: context.fromAddress ?? `Kompis <coach@${context.domain}>`,
    inboundDomain: context.inboundDomain ?? `in.${context.domain}`,
    alarmEmail: context.alarmEmail ?? `ops@${context.domain}`,
    mailFromDomain: `mail.${context.domain}`,
  };
}

/** The bare address of `Name <address>` or of `address`. */
function addressOf(from: string): string {
  return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

function isAtDomain(address: string, domain: string): boolean {
  const at = address.lastIndexOf('@');
  return at > 0 && isSameOrSubdomain(address.slice(at + 1), domain);
}

/** Whether `host` is `domain` or lies under it: SES counts a verified domain's subdomains as verified. */
export function isSameOrSubdomain(host: string, domain: string): boolean {
  const name = host.toLowerCase();
  return name === domain || name.endsWith(`.${domain}`);
}
