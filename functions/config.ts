// Process configuration: one zod schema over the environment, parsed once at start; bad config fails fast.
// zod/mini, not zod: every function loads this at cold start, and the full build is ~95 KB more.
import * as z from 'zod/mini';
import { createSecretsManagerClient } from './adapters/clients.js';
import { DEFAULT_CEILINGS, type Ceilings } from './core/limits/ceilings.js';
import { parseSigningKeys, type SigningKeys } from './core/tokens/tokens.js';

const perHour = z.coerce.number({ error: 'must be a whole number of emails an hour' }).check(z.int(), z.positive(), z.maximum(1_000_000));

const envSchema = z.object({
  KOMPIS_SECRET: z
    .string({ error: 'is required: token signing keys, "id:secret,…" or one secret of 32+ characters (or KOMPIS_SECRET_ARN)' })
    .check(z.minLength(32, { error: 'must be at least 32 characters' })),
  KOMPIS_BASE_URL: z._default(z.url({ error: 'must be the public base URL, e.g. https://kompis.example.com' }), 'http://127.0.0.1:3000'),
  KOMPIS_TABLE: z._default(z.string().check(z.minLength(3), z.maxLength(255)), 'kompis'),
  KOMPIS_FROM: z._default(z.string().check(z.minLength(3)), 'Kompis <coach@kompis.localhost>'),
  KOMPIS_INBOUND_DOMAIN: z._default(
    z.string().check(z.regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i, { error: 'must be a domain name, e.g. in.kompis.example.com' })),
    'in.kompis.localhost',
  ),
  KOMPIS_MAX_SEND_RATE: z._default(z.coerce.number({ error: 'must be a number of emails per second' }).check(z.positive(), z.maximum(1000)), 14),
  KOMPIS_SES_CONFIGURATION_SET: z.optional(z.string()),
  // Hourly ceilings on emails that anyone can make Kompis send (see core/limits/ceilings.ts).
  KOMPIS_CONFIRMATIONS_PER_HOUR: z._default(perHour, DEFAULT_CEILINGS.confirmationsPerHour),
  KOMPIS_INVITATIONS_PER_HOUR: z._default(perHour, DEFAULT_CEILINGS.invitationsPerHour),
  KOMPIS_PER_DOMAIN_PER_HOUR: z._default(perHour, DEFAULT_CEILINGS.perDomainPerHour),
  // The sign-up page goes out no sooner than this after the request (ms): see routes/signup.tsx.
  KOMPIS_SIGNUP_MIN_MS: z._default(z.coerce.number({ error: 'must be a number of milliseconds' }).check(z.int(), z.minimum(0), z.maximum(5000)), 600),
  KOMPIS_DYNAMODB_ENDPOINT: z.optional(z.url()),
  KOMPIS_SES_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-north-1'),
});

export interface AppConfig {
  baseUrl: string;
  keys: SigningKeys;
  tableName: string;
  from: string;
  inboundDomain: string;
  /** Emails per second across a send batch (SES's default quota is 14). */
  maxSendRate: number;
  configurationSet?: string | undefined;
  ceilings: Ceilings;
  signupMinMs: number;
  region: string;
  dynamodbEndpoint?: string | undefined;
  sesEndpoint?: string | undefined;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Kompis configuration is invalid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    baseUrl: e.KOMPIS_BASE_URL.replace(/\/+$/, ''),
    keys: parseSigningKeys(e.KOMPIS_SECRET),
    tableName: e.KOMPIS_TABLE,
    from: e.KOMPIS_FROM,
    inboundDomain: e.KOMPIS_INBOUND_DOMAIN.toLowerCase(),
    maxSendRate: e.KOMPIS_MAX_SEND_RATE,
    configurationSet: e.KOMPIS_SES_CONFIGURATION_SET,
    ceilings: {
      confirmationsPerHour: e.KOMPIS_CONFIRMATIONS_PER_HOUR,
      invitationsPerHour: e.KOMPIS_INVITATIONS_PER_HOUR,
      perDomainPerHour: e.KOMPIS_PER_DOMAIN_PER_HOUR,
    },
    signupMinMs: e.KOMPIS_SIGNUP_MIN_MS,
    region: e.AWS_REGION,
    dynamodbEndpoint: e.KOMPIS_DYNAMODB_ENDPOINT,
    sesEndpoint: e.KOMPIS_SES_ENDPOINT,
  };
}

/**
 * In production the signing keys live in Secrets Manager (KOMPIS_SECRET_ARN); they are read once per
 * cold start and put where loadConfig expects them. Locally KOMPIS_SECRET is set directly.
 */
export async function withSecret(env: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  if (env.KOMPIS_SECRET || !env.KOMPIS_SECRET_ARN) return env;
  const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = await createSecretsManagerClient({ region: env.AWS_REGION });
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: env.KOMPIS_SECRET_ARN }));
  client.destroy();
  return { ...env, KOMPIS_SECRET: SecretString };
}
