// The built bundles, run as Lambda runs them. The stack is synthesized with bundling (as `cdk deploy` would),
// each function's asset is taken from cdk.out alone into a task root of its own and started on the Node of its
// runtime with the template's Handler and environment, and invoked with real-shaped events
// (test/fixtures/events) against DynamoDB Local and the local SES. The SDK reaches them, and the stand-ins
// for Secrets Manager, SQS, S3 and Lambda, through its standard AWS_ENDPOINT_URL_<SERVICE> variables: no
// project setting redirects anything, so the production code paths run. Fails if a bundle cannot be
// imported, throws, logs an error, or answers wrongly.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import type { Goal } from '../../functions/core/goal.js';
import { checkinReplyAddress } from '../../functions/core/links/links.js';
import type { CoreConfig } from '../../functions/core/ports.js';
import { parseSigningKeys } from '../../functions/core/tokens/tokens.js';
import { ensureTable } from '../../functions/local/table.js';
import { routeGroups } from '../../functions/http/app.js';
import { createKompisApp } from '../../infra/kompis-app.js';
import { startStandIns, type StandIns } from '../helpers/aws-stand-ins.js';
import { FixedClock, TEST_SECRET, testDeps } from '../helpers/deps.js';
import { eventFixture } from '../helpers/events.js';
import { aSignupForm, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { lambdaNode } from '../helpers/lambda-node.js';
import { functionArtifact, LambdaSandbox, type InvokeOutcome } from '../helpers/lambda-sandbox.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { cdkJson, functionsOf, logicalIdOf } from '../infra/synth.js';

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const API_ID = 'k0mp1s7e57';
const HOST = `${API_ID}.execute-api.${REGION}.amazonaws.com`;
const BUCKET = 'kompis-raw-mail-bundle-test';
const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:SigningSecret-AbCdEf`;
const run = promisify(execFile);

type Name = keyof ReturnType<typeof functionsOf>;
let outdir: string;
let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
let standIns: StandIns;
let store: DynamoStore;
let tableName: string;
let inboundDomain: string;
let failedInboundQueue: string;
let stackFunctions: ReturnType<typeof functionsOf>;
const sandboxes = {} as Record<Name, LambdaSandbox>;
const startErrors: Partial<Record<Name, string>> = {};
const report: string[] = [];

/** A CloudFormation value of a function's environment, as it resolves in this test's stand-in account. */
function resolve(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (v['Fn::Join']) return v['Fn::Join'][1].map(resolve).join(v['Fn::Join'][0]);
  const pseudo: Record<string, string> = { 'AWS::Region': REGION, 'AWS::URLSuffix': 'amazonaws.com', 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws' };
  if (v.Ref && pseudo[v.Ref]) return pseudo[v.Ref]!;
  const byType: Record<string, () => string> = {
    'AWS::DynamoDB::GlobalTable': () => tableName,
    'AWS::SecretsManager::Secret': () => SECRET_ARN,
    'AWS::ApiGatewayV2::Api': () => API_ID,
    'AWS::SES::ConfigurationSet': () => 'kompis-bundle-test',
    'AWS::SQS::Queue': () => standIns.queueUrl(v.Ref!),
    'AWS::S3::Bucket': () => BUCKET,
  };
  const type = v.Ref ? template.Resources[v.Ref]?.Type : undefined;
  if (type && byType[type]) return byType[type]();
  throw new Error(`the test does not know what ${JSON.stringify(value)} is in AWS: teach resolve()`);
}

let functionNames: Record<Name, string>;
const functionName = (name: Name) => functionNames[name];
const errorLines = (outcome: InvokeOutcome) => outcome.logs.filter((line) => /"level":"(ERROR|CRITICAL)"/.test(line));

/** Invokes and expects a clean run: no exception, no ERROR line in the log. */
async function invokeOk(name: Name, event: unknown): Promise<any> {
  if (!sandboxes[name]) throw new Error(`the ${name} bundle did not start: ${startErrors[name]}`);
  const outcome = await sandboxes[name].invoke(event);
  expect(outcome.error, `${name} threw`).toBeUndefined();
  expect(errorLines(outcome), `${name} logged errors`).toEqual([]);
  return outcome.result;
}

function httpEvent(method: 'GET' | 'POST', path: string, options: { form?: Record<string, string>; language?: string } = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : '';
  return eventFixture('apigw-http/request', {
    method,
    path,
    query: '',
    host: HOST,
    apiId: API_ID,
    origin: `https://${HOST}`,
    fetchSite: method === 'POST' ? 'same-origin' : 'none',
    acceptLanguage: options.language ?? 'en-GB,en;q=0.8',
    contentType: options.form ? 'application/x-www-form-urlencoded' : 'text/plain',
    contentLength: String(Buffer.byteLength(body)),
    body: Buffer.from(body).toString('base64'),
    sourceIp: `198.51.100.${Math.floor(Math.random() * 250) + 1}`,
    requestId: randomUUID(),
  });
}

interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}
const bodyOf = (result: HttpResult) => (result.isBase64Encoded ? Buffer.from(result.body, 'base64').toString('utf8') : result.body);

function receiptEvent(messageId: string, from: string, to: string) {
  return eventFixture('ses/receipt', { messageId, from, to, subject: 'Re: Week 1', region: REGION, functionName: functionName('inbound') });
}

function rawReply(from: string, to: string, text: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${to}`,
      'Subject: Re: Week 1',
      `Message-ID: <${randomUUID()}@mail.example.org>`,
      'Date: Mon, 30 Nov 2026 16:04:05 +0100',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      text,
      '',
    ].join('\r\n'),
  );
}

beforeAll(async () => {
  // Bundling as `cdk deploy` does: esbuild for each entry, after the templates build (the slow part).
  let started = performance.now();
  outdir = mkdtempSync(join(tmpdir(), 'kompis-cdk-out-'));
  const { app, stack } = createKompisApp({ outdir, context: { ...cdkJson.context, region: REGION } });
  app.synth();
  report.push(`synth with bundling: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  template = JSON.parse(readFileSync(join(outdir, 'Kompis.template.json'), 'utf8'));
  stackFunctions = functionsOf(stack);
  const logicalIds = Object.fromEntries(Object.entries(stackFunctions).map(([name, fn]) => [name, logicalIdOf(fn)])) as Record<Name, string>;

  standIns = await startStandIns();
  standIns.secrets.set(SECRET_ARN, TEST_SECRET);
  failedInboundQueue = standIns.queueUrl(logicalIdOf(stack.inboundMail.failedEvents));
  tableName = `kompis-bundles-${randomUUID().slice(0, 8)}`;
  const raw = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(raw, tableName);
  raw.destroy();
  store = new DynamoStore(createDynamoClient({ region: REGION, dynamodbEndpoint: inject('dynamodbEndpoint') }), tableName);

  const lambdaEnv = lambdaEnvironment();
  for (const [name, logicalId] of Object.entries(logicalIds) as [Name, string][]) {
    const artifact = functionArtifact(outdir, 'Kompis', logicalId);
    const environment = Object.fromEntries(Object.entries(artifact.environment).map(([key, value]) => [key, resolve(value)]));
    const node = lambdaNode(artifact.runtime);
    started = performance.now();
    try {
      sandboxes[name] = await LambdaSandbox.start(artifact, { name: `Kompis-${logicalId}`, node, env: { ...environment, ...lambdaEnv } });
    } catch (error) {
      // Reported by the first test, so every other bundle is still tried.
      startErrors[name] = error instanceof Error ? error.message : String(error);
      continue;
    }
    const bytes = statSync(join(artifact.assetDir, 'index.mjs')).size; // the entry alone: chunks load later
    report.push(`${name}: ${artifact.handler} on ${artifact.runtime} (Node ${sandboxes[name].node}), ${Math.round(bytes / 1024)} KB, imported in ${Math.round(performance.now() - started)} ms`);
  }
  inboundDomain = resolve(functionArtifact(outdir, 'Kompis', logicalIds.inbound).environment.KOMPIS_INBOUND_DOMAIN);
  functionNames = Object.fromEntries(Object.entries(logicalIds).map(([name, id]) => [name, `Kompis-${id}`])) as Record<Name, string>;
  standIns.functions.set(functionName('inbound'), (event) => sandboxes.inbound.invoke(event));
}, 600_000);

afterAll(async () => {
  for (const sandbox of Object.values(sandboxes)) sandbox.stop();
  await standIns?.close();
  if (outdir) rmSync(outdir, { recursive: true, force: true });
  console.log(`Lambda bundles, as Lambda runs them:\n  ${report.join('\n  ')}`);
});

describe('every bundle', () => {
  it("loads as Lambda loads it: the template's Handler, an ES module alone in its task root, on Node 24", () => {
    expect(startErrors).toEqual({});
    for (const [name, sandbox] of Object.entries(sandboxes)) {
      expect(sandbox.artifact, name).toMatchObject({ handler: 'index.handler', runtime: 'nodejs24.x' });
      expect(sandbox.node, name).toMatch(/^v24\./);
      // The entry and its map, and the chunks its import() calls load (infra/constructs/split-bundle.ts).
      expect(readdirSync(sandbox.taskRoot).filter((f) => f !== 'chunks').sort(), name).toEqual(['index.mjs', 'index.mjs.map']);
    }
    expect(Object.keys(sandboxes).sort()).toEqual(['feedback', 'http', 'inbound', 'send', 'tick']);
  });
});

describe('http, behind API Gateway (HTTP API, payload 2.0)', () => {
  it('loads each route group from its chunk on the first request to it, from the task root alone', async () => {
    expect(readdirSync(join(sandboxes.http.taskRoot, 'chunks')).filter((f) => f.endsWith('.mjs')).length).toBeGreaterThan(Object.keys(routeGroups).length);
    for (const [name, group] of Object.entries(routeGroups)) {
      const path = group.starts[0]!.replace(':token', 'not-a-token');
      const result: HttpResult = await invokeOk('http', httpEvent('GET', path));
      expect(result.statusCode, `${name}: GET ${path}`).toBeLessThan(500);
      expect(bodyOf(result), name).toMatch(/^<html lang="en">/);
    }
  });

  it('answers GET / with the sign-up form', async () => {
    const result: HttpResult = await invokeOk('http', httpEvent('GET', '/'));
    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toMatch(/^text\/html/);
    expect(bodyOf(result)).toMatch(/<html lang="en"[\s\S]*<form[^>]+action="\/goals"/);
  });

  it('takes a form POST of a goal, emails the confirmation through SES, and the confirm link activates it', async () => {
    const form = aSignupForm({ locale: 'en', email: uniqueEmail('bundle') });
    const posted: HttpResult = await invokeOk('http', httpEvent('POST', '/goals', { form }));
    expect(posted.statusCode).toBe(200);
    expect(bodyOf(posted)).toContain('Check your inbox');
    const [email] = await outboxFor(form.email!);
    expect(email?.subject).toBe('Confirm your goal');
    const confirmLink = new URL(linksIn(email!, '/c/')[0]!);
    expect(confirmLink.host).toBe(HOST);

    const confirmed: HttpResult = await invokeOk('http', httpEvent('POST', confirmLink.pathname));
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toMatch(/^\/g\/[^?]+\?done=confirmed$/);
    expect((await store.exportPerson(form.email!)).goals.map((goal) => goal.status)).toEqual(['active']);
  });
});

describe('http, when DynamoDB cannot be reached', () => {
  it('answers the 503 page, logs an ERROR line with the route and publishes a StoreUnavailable metric (EMF)', async () => {
    const artifact = functionArtifact(outdir, 'Kompis', logicalIdOf(stackFunctions.http));
    const environment = Object.fromEntries(Object.entries(artifact.environment).map(([key, value]) => [key, resolve(value)]));
    // A port nothing listens on: every DynamoDB call is refused, after the SDK's retries.
    const offline = await LambdaSandbox.start(artifact, {
      name: functionName('http'),
      node: lambdaNode(artifact.runtime),
      env: { ...environment, ...lambdaEnvironment(), AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:9' },
    });
    try {
      const outcome = await offline.invoke(httpEvent('POST', '/goals', { form: aSignupForm({ locale: 'en' }) }));
      expect(outcome.error).toBeUndefined();
      expect((outcome.result as HttpResult).statusCode).toBe(503);
      const lines = outcome.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'request failed', kind: 'StoreUnavailable', route: '/goals', service: 'http' }));
      expect(lines).toContainEqual(
        expect.objectContaining({ StoreUnavailable: 1, _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'Kompis' })] }) }),
      );
    } finally {
      offline.stop();
    }
  });
});

describe('the weekly loop: tick (EventBridge schedule) → SQS → send (SQS batch)', () => {
  let goal: Goal;

  it('tick queues the goal that is due', async () => {
    // Confirmed ten days ago: its first check-in is due now.
    const clock = new FixedClock(new Date(Date.now() - 10 * 86400_000));
    goal = await anActiveGoal(testDeps(clock, { KOMPIS_TABLE: tableName }) as never, { locale: 'en', weeks: '4' });
    const result = await invokeOk('tick', eventFixture('eventbridge/scheduled', { id: randomUUID(), time: new Date().toISOString(), region: REGION }));
    expect(result).toEqual({ enqueued: 1 });
    const queued = standIns.queues.get(resolve({ Ref: sendQueueId() }))!;
    expect(queued.map((message) => JSON.parse(message.Body))).toEqual([{ kind: 'checkin', owner: goal.owner, goalId: goal.id, week: 1 }]);
  });

  it('send emails the check-in from the queued batch and reports no failed item', async () => {
    const queueUrl = resolve({ Ref: sendQueueId() });
    const messages = standIns.queues.get(queueUrl)!.splice(0);
    const records = messages.map((message) =>
      eventFixture('sqs/record', {
        messageId: message.MessageId,
        receiptHandle: randomUUID(),
        body: message.Body,
        md5OfBody: createHash('md5').update(message.Body).digest('hex'),
        sentTimestamp: String(Date.now()),
        region: REGION,
        queueName: queueUrl.split('/').at(-1),
      }),
    );
    expect(await invokeOk('send', { Records: records })).toEqual({ batchItemFailures: [] });
    const checkins = (await outboxFor(goal.owner)).filter((email) => email.subject.startsWith('Week 1 of 4'));
    expect(checkins).toHaveLength(1);
    expect((await store.getGoal(goal.owner, goal.id))?.nextWeek).toBe(2);
  });

  it('inbound reads the reply to it from S3 (SES receipt event), records the number, and deletes the raw mail', async () => {
    const messageId = `bundle-${randomUUID()}`;
    const to = checkinReplyAddress(coreConfig(), goal, 1);
    standIns.objects.set(`${BUCKET}/inbound/${messageId}`, rawReply(goal.owner, to, '2'));
    const result = await invokeOk('inbound', receiptEvent(messageId, goal.owner, to));
    expect(result.results).toHaveLength(1);
    expect(result.results[0].outcome).not.toMatch(/^dropped/);
    expect((await store.getWeekAnswers(goal.id)).find((answer) => answer.week === 1)).toMatchObject({ count: 2, source: 'reply' });
    expect(standIns.objects.has(`${BUCKET}/inbound/${messageId}`)).toBe(false);
  });

  it('`npx kompis replay-inbound` hands a failed receipt event back to the function once its cause is gone', async () => {
    // SES invoked inbound before the raw mail could be read: the run fails, and after Lambda's retries the
    // event lands in the failed-events queue as Lambda's invocation record.
    const messageId = `bundle-${randomUUID()}`;
    const to = checkinReplyAddress(coreConfig(), goal, 1);
    const event = receiptEvent(messageId, goal.owner, to);
    const failed = await sandboxes.inbound.invoke(event);
    expect(failed.error?.name).toBe('NoSuchKey');
    standIns.queues.get(failedInboundQueue)!.push({ MessageId: randomUUID(), Body: JSON.stringify(onFailureRecord(event, failed)), receiveCount: 0, hiddenUntil: 0 });

    standIns.objects.set(`${BUCKET}/inbound/${messageId}`, rawReply(goal.owner, to, '3'));
    const { stdout } = await replay(failedInboundQueue);
    expect(stdout).toContain('replayed 1, failed 0, skipped 0');
    expect(standIns.queues.get(failedInboundQueue)).toEqual([]);
    expect((await store.getWeekAnswers(goal.id)).find((answer) => answer.week === 1)).toMatchObject({ count: 3 });
  });

  it('`npx kompis replay-inbound` leaves an event that still fails, and another function\'s event, in the queue, and says so with its exit code', async () => {
    const event = receiptEvent(`bundle-${randomUUID()}`, goal.owner, checkinReplyAddress(coreConfig(), goal, 1));
    const failed = await sandboxes.inbound.invoke(event);
    const queue = standIns.queues.get(failedInboundQueue)!;
    queue.push({ MessageId: randomUUID(), Body: JSON.stringify(onFailureRecord(event, failed)), receiveCount: 0, hiddenUntil: 0 });
    // A feedback event in the wrong queue is not handed to the inbound function.
    queue.push({ MessageId: randomUUID(), Body: JSON.stringify(onFailureRecord({ Records: [] }, failed, 'feedback')), receiveCount: 0, hiddenUntil: 0 });
    const outcome = await replay(failedInboundQueue).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('replayed 0, failed 1, skipped 1');
    expect(outcome.stdout).toContain(`(it is ${functionName('feedback')}'s: try replay-feedback)`);
    expect(queue).toHaveLength(2);
    queue.splice(0);
  });
});

describe('feedback, SES events through SNS', () => {
  it('suppresses an address that hard-bounced', async () => {
    const recipient = uniqueEmail('bounced');
    const message = JSON.stringify(eventFixture('ses/bounce-event', { recipient, region: REGION }));
    const result = await invokeOk('feedback', eventFixture('sns/ses-event', { message, snsMessageId: randomUUID(), region: REGION }));
    expect(result).toEqual({ suppressed: 1 });
    expect(await store.isSuppressed(recipient)).toBe(true);
  });
});

/** What Lambda gives every function (credentials, region), and the SDK's own endpoint variables: nothing of the project's. */
function lambdaEnvironment(): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEBUNDLETEST',
    AWS_SECRET_ACCESS_KEY: 'example-secret-access-key',
    AWS_SESSION_TOKEN: 'example-session-token',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SES: inject('sesEndpoint'),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: standIns.url,
    AWS_ENDPOINT_URL_SQS: standIns.url,
    AWS_ENDPOINT_URL_S3: standIns.url,
  };
}

function sendQueueId(): string {
  return (functionArtifact(outdir, 'Kompis', logicalIdOf(stackFunctions.tick)).environment.KOMPIS_QUEUE_URL as { Ref: string }).Ref;
}

function coreConfig(): CoreConfig {
  return { baseUrl: `https://${HOST}`, inboundDomain, keys: parseSigningKeys(TEST_SECRET) };
}

function onFailureRecord(event: unknown, failed: InvokeOutcome, of: Name = 'inbound') {
  return eventFixture('lambda/on-failure-record', {
    requestId: randomUUID(),
    functionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName(of)}`,
    requestPayload: event,
    errorType: failed.error?.name ?? 'Error',
    errorMessage: failed.error?.message ?? '',
  });
}

/** The operator's command, as a process of its own, reaching SQS and Lambda through the SDK's endpoint variables. */
function replay(queueUrl: string) {
  return run(process.execPath, ['bin/kompis.js', 'replay-inbound', '--queue', queueUrl], {
    cwd: new URL('../../', import.meta.url),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEOPERATOR',
      AWS_SECRET_ACCESS_KEY: 'example-secret-access-key',
      AWS_ENDPOINT_URL_SQS: standIns.url,
      AWS_ENDPOINT_URL_LAMBDA: standIns.url,
    },
  });
}
