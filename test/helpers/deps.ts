// Real dependencies for integration tests: the store on DynamoDB Local and the mailer on local SES,
// with a clock the test controls.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { ensureTable } from '../../functions/local/table.js';
import { loadConfig } from '../../functions/config.js';
import type { Clock, Deps } from '../../functions/core/ports.js';
import { createLocalDeps } from '../../functions/local/deps.js';

export const TEST_SECRET = 'test:0123456789abcdef0123456789abcdef0123456789';
export const TEST_BASE_URL = 'http://127.0.0.1:3999';

export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    KOMPIS_SECRET: TEST_SECRET,
    KOMPIS_BASE_URL: TEST_BASE_URL,
    KOMPIS_TABLE: inject('tableName'),
    KOMPIS_DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
    KOMPIS_SES_ENDPOINT: inject('sesEndpoint'),
    AWS_REGION: 'eu-north-1',
    // Tests share a table, an hour of the fixed clock and example.com: the ceilings get tests of their own.
    KOMPIS_CONFIRMATIONS_PER_HOUR: '1000000',
    KOMPIS_INVITATIONS_PER_HOUR: '1000000',
    KOMPIS_PER_DOMAIN_PER_HOUR: '1000000',
    // The sign-up page's time floor has a test of its own (abuse.test.ts); elsewhere it would only slow the suite.
    KOMPIS_SIGNUP_MIN_MS: '0',
    ...overrides,
  });
}

export function testDeps(clock: Clock = new FixedClock(new Date('2026-03-02T09:00:00Z')), overrides: Record<string, string> = {}): Deps {
  return createLocalDeps(testConfig(overrides), clock);
}

/** A table of its own, for tests whose ticks must not see other tests' goals. */
export async function freshTable(): Promise<Record<string, string>> {
  const tableName = `kompis-${crypto.randomUUID().slice(0, 8)}`;
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, tableName);
  client.destroy();
  return { KOMPIS_TABLE: tableName };
}


/**
 * The connection as API Gateway describes it to the Lambda (`requestContext.http.sourceIp`), for the third
 * argument of app.request. By default a client address of its own per call, so tests that share a table
 * never meet the per-IP sign-up limit.
 */
export function clientEnv(ip = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 254) + 1}`) {
  return { requestContext: { http: { sourceIp: ip } } };
}
