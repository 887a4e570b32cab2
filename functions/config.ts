// Process configuration: one zod schema over the environment, parsed once at start; bad config fails fast.
import { z } from 'zod';
import { parseSigningKeys, type SigningKeys } from './core/tokens/tokens.js';

const envSchema = z.object({
  KOMPIS_SECRET: z
    .string({ error: 'is required: token signing keys, "id:secret,…" or one secret of 32+ characters' })
    .min(32, { error: 'must be at least 32 characters' }),
  KOMPIS_BASE_URL: z.url({ error: 'must be the public base URL, e.g. https://kompis.example.com' }).default('http://127.0.0.1:3000'),
  KOMPIS_TABLE: z.string().min(3).max(255).default('kompis'),
  KOMPIS_FROM: z.string().min(3).default('Kompis <coach@kompis.localhost>'),
  KOMPIS_SES_CONFIGURATION_SET: z.string().optional(),
  KOMPIS_DYNAMODB_ENDPOINT: z.url().optional(),
  KOMPIS_SES_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('eu-north-1'),
});

export interface AppConfig {
  baseUrl: string;
  keys: SigningKeys;
  tableName: string;
  from: string;
  configurationSet?: string | undefined;
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
    configurationSet: e.KOMPIS_SES_CONFIGURATION_SET,
    region: e.AWS_REGION,
    dynamodbEndpoint: e.KOMPIS_DYNAMODB_ENDPOINT,
    sesEndpoint: e.KOMPIS_SES_ENDPOINT,
  };
}
