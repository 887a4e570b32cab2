// Cost per goal: one goal with a buddy lives through its 13 weeks — sign-up, confirmation, the buddy's yes,
// 13 check-ins each answered by one click and one email reply, the buddy's weekly emails, the final reports —
// against DynamoDB Local and the local SES, driven by a clock the bench moves. Every DynamoDB request unit
// (ReturnConsumedCapacity on every command), SES message, SQS request, Lambda invocation (with its measured
// duration), S3 request and HTTP API request is counted as it happens, then priced with prices.json.
// Runs alone too:  npx tsx test/bench/cost.bench.ts [--json]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createDynamoClient, createSesClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { loadConfig, type AppConfig } from '../../functions/config.js';
import { parseSesFeedback } from '../../functions/adapters/aws-events.js';
import { applyFeedback } from '../../functions/core/emails/feedback.js';
import { SuppressionAwareMailer } from '../../functions/core/emails/suppression.js';
import { dueAt } from '../../functions/core/goals/due-index.js';
import type { Goal } from '../../functions/core/goal.js';
import { queueKinds, type Clock, type Deps, type QueueMessage } from '../../functions/core/ports.js';
import { handleSendBatch } from '../../functions/core/weekly/send.js';
import { createPacer } from '../../functions/core/emails/send-rate.js';
import { runTick } from '../../functions/core/weekly/tick.js';
import { createApp } from '../../functions/http/app.js';
import { handleSesEvent } from '../../functions/inbound/handle-event.js';
import { freePort } from '../../functions/local/ports.js';
import { MemoryQueue } from '../../functions/local/memory-queue.js';
import { startLocalStack } from '../../functions/local/stack.js';
import { ensureTable } from '../../functions/local/table.js';
import { EmailSendingEvent } from 'aws-cdk-lib/aws-ses';
import { FEEDBACK_EVENTS } from '../../infra/constructs/outbound-mail.js';
import { verifyToken } from '../../functions/core/tokens/tokens.js';
import { aSignupForm, formBody } from '../helpers/factories.js';

/** The client as API Gateway describes it (the app never reads a client address from a header). */
const CLIENT = { requestContext: { http: { sourceIp: '198.51.100.7' } } };

// ---------------------------------------------------------------- prices

interface Price {
  usd: number;
  quantity: number;
  unit: string;
  source: string;
  note: string;
  count?: number;
}
interface PriceList {
  date: string;
  region: string;
  variable: Record<string, Price>;
  fixed: Record<string, Price>;
}
const prices = JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')) as PriceList;
/** USD for one unit of a variable price. */
const unit = (name: string) => {
  const p = prices.variable[name];
  if (!p) throw new Error(`prices.json has no variable price "${name}"`);
  return p.usd / p.quantity;
};

// ---------------------------------------------------------------- what the deployment looks like

/** infra/constructs/kompis-function.ts: every function has 512 MB. */
const LAMBDA_GB = 512 / 1024;
/** infra/constructs/weekly-loop.ts: Schedule.rate(15 minutes). */
const TICKS_PER_MONTH = (30.44 * 24 * 60) / 15;
/** The send queue's event source mapping: batchSize 10 (weekly-loop.ts); SQS takes 10 per SendMessageBatch. */
const SQS_BATCH = 10;
const SES_INBOUND_CHUNK = 256 * 1024;
const WEEKS = 13;
const MONTHS_PER_PERIOD = (WEEKS * 7) / 30.44;
const TARGET_PER_GOAL_MONTH = 0.001;
/** Everything but SES, per active goal-month (issue 21): SES is reported apart, against its floor. */
const TARGET_EXCLUDING_SES = 0.0002;
/** Queue kinds that only change the goal (a paused goal's resume). */
const SENDS_NO_EMAIL = new Set<string>(['resume']);
// CloudWatch Logs bytes are estimated, not measured: Lambda's START, END and REPORT lines per invocation,
// Powertools' JSON envelope around each line the core logs, one embedded-metric line per invocation of the
// functions that publish metrics, and the API stage's access-log line per request (its format is in http-api.ts).
const LOG_PLATFORM_BYTES = 420;
const LOG_ENVELOPE_BYTES = 220;
const LOG_EMF_BYTES = 380;
const LOG_ACCESS_BYTES = 330;
/** When the configuration set publishes Send events (infra/constructs/outbound-mail.ts), every email sent is an SNS publish and a feedback invocation. */
const SEND_EVENTS = (FEEDBACK_EVENTS as readonly EmailSendingEvent[]).includes(EmailSendingEvent.SEND);

// ---------------------------------------------------------------- counting

type Fn = 'http' | 'tick' | 'send' | 'inbound' | 'feedback';

interface Tally {
  dynamodb: { readUnits: number; writeUnits: number; commands: Record<string, number>; failedConditionalWrites: number; withoutConsumedCapacity: number };
  ses: { emails: number; bytes: number };
  sesInbound: { emails: number; chunks: number; bytes: number };
  s3: { put: number; get: number };
  sqs: { requests: number; messages: number };
  snsPublishes: number;
  lambda: Record<Fn, { invocations: number; billedMs: number }>;
  apiRequests: number;
  logBytes: number;
}

const emptyTally = (): Tally => ({
  dynamodb: { readUnits: 0, writeUnits: 0, commands: {}, failedConditionalWrites: 0, withoutConsumedCapacity: 0 },
  ses: { emails: 0, bytes: 0 },
  sesInbound: { emails: 0, chunks: 0, bytes: 0 },
  s3: { put: 0, get: 0 },
  sqs: { requests: 0, messages: 0 },
  snsPublishes: 0,
  lambda: {
    http: { invocations: 0, billedMs: 0 },
    tick: { invocations: 0, billedMs: 0 },
    send: { invocations: 0, billedMs: 0 },
    inbound: { invocations: 0, billedMs: 0 },
    feedback: { invocations: 0, billedMs: 0 },
  },
  apiRequests: 0,
  logBytes: 0,
});

function addTally(into: Tally, from: Tally): Tally {
  into.dynamodb.readUnits += from.dynamodb.readUnits;
  into.dynamodb.writeUnits += from.dynamodb.writeUnits;
  into.dynamodb.failedConditionalWrites += from.dynamodb.failedConditionalWrites;
  into.dynamodb.withoutConsumedCapacity += from.dynamodb.withoutConsumedCapacity;
  for (const [k, v] of Object.entries(from.dynamodb.commands)) into.dynamodb.commands[k] = (into.dynamodb.commands[k] ?? 0) + v;
  into.ses.emails += from.ses.emails;
  into.ses.bytes += from.ses.bytes;
  into.sesInbound.emails += from.sesInbound.emails;
  into.sesInbound.chunks += from.sesInbound.chunks;
  into.sesInbound.bytes += from.sesInbound.bytes;
  into.s3.put += from.s3.put;
  into.s3.get += from.s3.get;
  into.sqs.requests += from.sqs.requests;
  into.sqs.messages += from.sqs.messages;
  into.snsPublishes += from.snsPublishes;
  for (const fn of Object.keys(from.lambda) as Fn[]) {
    into.lambda[fn].invocations += from.lambda[fn].invocations;
    into.lambda[fn].billedMs += from.lambda[fn].billedMs;
  }
  into.apiRequests += from.apiRequests;
  into.logBytes += from.logBytes;
  return into;
}

const READ_COMMANDS = /^(Get|BatchGet|Query|Scan|TransactGet)/;

/** Tallies by what caused them ('signup', 'checkin', 'click', …); `fixed` holds what runs whether or not the goal exists. */
class Meter {
  readonly buckets = new Map<string, Tally>();
  current = 'setup';
  /** While the tick runs, its due-index Queries that find nothing belong to the fixed cost. */
  inTick = false;
  /** SES Send events waiting for their feedback invocation, and the store that invocation writes to. */
  private sendEvents: unknown[] = [];
  feedbackStore: DynamoStore | undefined;

  tally(name = this.current): Tally {
    let t = this.buckets.get(name);
    if (!t) this.buckets.set(name, (t = emptyTally()));
    return t;
  }

  /** ReturnConsumedCapacity on every command; each response's units are added (an array for batch and transactions). */
  watchDynamo(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        const command = context.commandName ?? 'unknown';
        const read = READ_COMMANDS.test(command);
        const transactional = command.startsWith('Transact');
        try {
          const result = await next(args);
          const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[]; Count?: number };
          const consumed = [output.ConsumedCapacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
          // DynamoDB Local reports a transaction's items at the standard rate; DynamoDB bills them twice.
          let units = transactional ? consumed * 2 : consumed;
          const emptyDueQuery = this.inTick && command === 'QueryCommand' && input.IndexName && (output.Count ?? 0) === 0;
          // DynamoDB Local reports 0 for a Query that finds nothing; DynamoDB rounds up to one 4 KB read (0.5 RRU).
          if (emptyDueQuery) units = Math.max(units, input.ConsistentRead ? 1 : 0.5);
          const tally = this.tally(emptyDueQuery ? 'fixed' : this.current);
          tally.dynamodb.commands[command] = (tally.dynamodb.commands[command] ?? 0) + 1;
          // A check on the meter itself: every command should have reported its units.
          if (output.ConsumedCapacity === undefined) tally.dynamodb.withoutConsumedCapacity++;
          if (read) tally.dynamodb.readUnits += units;
          else tally.dynamodb.writeUnits += units;
          return result;
        } catch (error) {
          const tally = this.tally();
          tally.dynamodb.commands[command] = (tally.dynamodb.commands[command] ?? 0) + 1;
          // A failed condition still consumes write units, but the error carries no ConsumedCapacity: 1 WRU, the minimum.
          if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
            tally.dynamodb.failedConditionalWrites++;
            tally.dynamodb.writeUnits += 1;
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'kompisCostMeter' },
    );
  }

  watchSes(client: SESClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'SendRawEmailCommand') {
          const data = (args.input as { RawMessage?: { Data?: Uint8Array } }).RawMessage?.Data;
          const tally = this.tally();
          tally.ses.emails++;
          tally.ses.bytes += data?.length ?? 0;
          if (SEND_EVENTS) {
            const tags = (args.input as { Tags?: { Name: string; Value: string }[] }).Tags ?? [];
            const messageId = (result.output as { MessageId?: string }).MessageId;
            this.sendEvents.push({ eventType: 'Send', mail: { messageId, tags: Object.fromEntries(tags.map((t) => [t.Name, [t.Value]])) } });
          }
        }
        return result;
      },
      { step: 'initialize', name: 'kompisCostMeter' },
    );
  }

  /** One Lambda invocation of `fn`: its wall time here, billed rounded up to the millisecond. */
  async invoke<T>(fn: Fn, run: () => Promise<T>): Promise<{ value: T; ms: number }> {
    const started = performance.now();
    const value = await run();
    const ms = performance.now() - started;
    const tally = this.tally();
    tally.lambda[fn].invocations++;
    tally.lambda[fn].billedMs += Math.ceil(ms);
    tally.logBytes += LOG_PLATFORM_BYTES + (fn === 'http' ? 0 : LOG_EMF_BYTES);
    // SES publishes a Send event per email to the topic, which invokes the feedback function once per event.
    while (fn !== 'feedback' && this.feedbackStore && this.sendEvents.length) {
      const event = this.sendEvents.shift();
      this.tally().snsPublishes++;
      const store = this.feedbackStore;
      await this.invoke('feedback', () => applyFeedback(store, parseSesFeedback(event), new Date()));
    }
    return { value, ms };
  }

  log = (entry: Record<string, unknown>) => {
    this.tally().logBytes += LOG_ENVELOPE_BYTES + JSON.stringify(entry).length;
  };
}

// ---------------------------------------------------------------- pricing a tally

function price(t: Tally) {
  const lambdaMs = Object.values(t.lambda).reduce((s, l) => s + l.billedMs, 0);
  const invocations = Object.values(t.lambda).reduce((s, l) => s + l.invocations, 0);
  const usd = {
    dynamodb: t.dynamodb.readUnits * unit('dynamodbReadRequest') + t.dynamodb.writeUnits * unit('dynamodbWriteRequest'),
    lambda: invocations * unit('lambdaRequest') + (lambdaMs / 1000) * LAMBDA_GB * unit('lambdaArmGbSecond'),
    sqs: t.sqs.requests * unit('sqsRequest'),
    sns: t.snsPublishes * unit('snsPublish'),
    ses: t.ses.emails * unit('sesOutbound'),
    sesInbound: t.sesInbound.emails * unit('sesInbound') + t.sesInbound.chunks * unit('sesInboundChunk'),
    s3: t.s3.put * unit('s3Put') + t.s3.get * unit('s3Get'),
    apiGateway: t.apiRequests * unit('httpApiRequest'),
    logs: (t.logBytes / 1e9) * unit('cloudwatchLogsIngestion'),
  };
  return { ...usd, total: Object.values(usd).reduce((a, b) => a + b, 0) };
}

// ---------------------------------------------------------------- the scenario

class BenchClock implements Clock {
  constructor(private current: Date) {}
  now = () => new Date(this.current);
  set(at: Date | string) {
    this.current = new Date(at);
  }
}

interface OutboxEmail {
  destination: { to: string[] };
  subject: string;
  replyTo?: string[];
  body: { text?: string; html?: string };
}

const MINUTE = 60_000;
const SIGNUP_AT = '2026-03-02T09:00:00Z';
const QUARTER = 15 * MINUTE;
/** The schedule's first run at or after `iso`. */
const nextQuarter = (iso: string) => new Date(Math.ceil(Date.parse(iso) / QUARTER) * QUARTER);

async function outbox(sesEndpoint: string, to: string): Promise<OutboxEmail[]> {
  const { emails } = (await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: OutboxEmail[] };
  return emails.filter((e) => e.destination.to.some((a) => a.includes(to)));
}

const linksIn = (email: OutboxEmail, prefix: string) =>
  [...(email.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => new URL(m[0])).filter((u) => u.pathname.startsWith(prefix)).map((u) => u.pathname + u.search);

/** A reply as a mail client writes it: the new line on top, the check-in quoted below in text and HTML. */
function replyTo(checkin: OutboxEmail, from: string, text: string): Promise<Buffer> {
  const quotedText = (checkin.body.text ?? '').split('\n').map((l) => `> ${l}`).join('\n');
  return new MailComposer({
    from,
    to: checkin.replyTo?.[0] ?? '',
    subject: `Re: ${checkin.subject}`,
    text: `${text}\n\nDen fre. kl. 15:00 skrev Kompis <coach@kompis.localhost>:\n${quotedText}\n`,
    html: `<div dir="ltr">${text}</div><br><div class="gmail_quote"><blockquote class="gmail_quote">${checkin.body.html ?? ''}</blockquote></div>`,
  })
    .compile()
    .build();
}

interface ScenarioOptions {
  config: AppConfig;
  sesEndpoint: string;
  meter: Meter;
  weeks: number;
}

/** The goal's whole life, each step as the Lambda that would run it. */
async function scenario({ config, sesEndpoint, meter, weeks }: ScenarioOptions) {
  const clock = new BenchClock(new Date(SIGNUP_AT));
  // As functions/deps.ts createDeps builds them, with the meter on both clients.
  const doc = createDynamoClient(config);
  meter.watchDynamo(doc);
  const store = new DynamoStore(doc, config.tableName);
  const sesClient = createSesClient(config);
  meter.watchSes(sesClient);
  const ses = new SesMailer(sesClient, { from: config.from, configurationSet: config.configurationSet, messageIdDomain: new URL(config.baseUrl).hostname });
  const deps: Deps = { store, mailer: new SuppressionAwareMailer(store, ses), clock, config };
  meter.feedbackStore = store;
  // The bench's own look at the goal, outside the meter.
  const inspect = new DynamoStore(createDynamoClient(config), config.tableName);
  const app = createApp(deps);
  const origin = new URL(config.baseUrl).origin;

  const http = async (path: string, init: { method?: string; body?: string | URLSearchParams } = {}) => {
    const headers: Record<string, string> = {};
    if (init.method === 'POST') {
      headers.origin = origin;
      headers['content-type'] = typeof init.body === 'string' && init.body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded';
    }
    const { value: response } = await meter.invoke('http', async () => app.request(path, { method: init.method ?? 'GET', headers, ...(init.body ? { body: init.body } : {}) }, CLIENT));
    meter.tally().apiRequests++;
    meter.tally().logBytes += LOG_ACCESS_BYTES;
    await response.text();
    if (response.status >= 400) throw new Error(`${init.method ?? 'GET'} ${path.split('/').slice(0, 2).join('/')}/… answered ${response.status}`);
    return response;
  };
  /** A person's click through a POST that redirects: the browser follows it. */
  const post = async (path: string, body = '') => {
    const response = await http(path, { method: 'POST', body });
    const location = response.headers.get('location');
    if (response.status === 303 && location) await http(location);
  };

  // One tick at `at`, as the 15-minute schedule runs it, and the send batches it queues, as the event source delivers them.
  const tick = async (at: Date) => {
    clock.set(at);
    const queue = new MemoryQueue({ batchSize: SQS_BATCH });
    const kinds: QueueMessage['kind'][] = [];
    const counting = {
      send: async (messages: QueueMessage[]) => {
        kinds.push(...messages.map((m) => m.kind));
        const tally = meter.tally();
        tally.sqs.requests += Math.ceil(messages.length / SQS_BATCH); // SendMessageBatch
        tally.sqs.messages += messages.length;
        await queue.send(messages);
      },
    };
    meter.current = 'tick-pending';
    meter.inTick = true;
    const started = performance.now();
    await runTick({ store, queue: counting }, at);
    const tickMs = performance.now() - started;
    meter.inTick = false;
    // The tick runs every 15 minutes anyway: its invocation is fixed, only its work on this goal is not.
    const pending = meter.buckets.get('tick-pending') ?? emptyTally();
    meter.buckets.delete('tick-pending');
    const kind = kinds[0] ?? 'nothing-due';
    meter.current = kind;
    addTally(meter.tally(), pending);
    const fixed = meter.tally('fixed');
    fixed.lambda.tick.invocations++;
    fixed.lambda.tick.billedMs += Math.ceil(tickMs);
    fixed.logBytes += LOG_PLATFORM_BYTES + LOG_EMF_BYTES + LOG_ENVELOPE_BYTES + 40;
    tickDurations.push({ ms: tickMs, due: kinds.length > 0 });

    await queue.drain(async (records) => {
      meter.current = (JSON.parse(records[0]!.body) as QueueMessage).kind;
      const tally = meter.tally();
      tally.sqs.requests += 2; // ReceiveMessage by the event source mapping, then DeleteMessageBatch of the batch
      const pacer = createPacer(config.maxSendRate);
      const { value } = await meter.invoke('send', () => handleSendBatch({ ...deps, clock: { now: () => at }, pacer, log: meter.log }, records));
      meter.log({ level: 'info', msg: 'send batch', received: records.length, failed: value.failed.length, outcomes: value.outcomes });
      return value;
    });
  };

  const goalNow = async (owner: string, id: string): Promise<Goal> => (await inspect.getGoal(owner, id))!;
  /** Runs the ticks the schedule would make that find this goal due, up to `until`. */
  const tickDueUntil = async (owner: string, id: string, until: string) => {
    for (let guard = 0; guard < 50; guard++) {
      const due = dueAt(await goalNow(owner, id));
      if (!due) return;
      const at = nextQuarter(due);
      if (at.toISOString() > until) return;
      await tick(at);
    }
    throw new Error('the goal stayed due after 50 ticks');
  };

  // Sign-up: the form, the live coaching while the goal is typed (3 requests), the POST.
  const form = aSignupForm({ locale: 'nb', weeks: String(weeks), perWeek: '2', buddyName: 'Kari', buddyEmail: `kari-${crypto.randomUUID().slice(0, 8)}@example.com` });
  const owner = form.email!;
  const buddy = form.buddyEmail!;
  meter.current = 'signup';
  await http('/');
  for (const partial of [form.goal!.slice(0, 30), form.goal!.slice(0, 60), form.goal!]) {
    await http('/api/analyze', { method: 'POST', body: JSON.stringify({ text: partial, lang: 'nb', perWeek: '2' }) });
  }
  await http('/goals', { method: 'POST', body: formBody(form) });

  // Confirmation: the link's page, the POST, the goal page it redirects to. The buddy's invitation goes out.
  clock.set(new Date(Date.parse(SIGNUP_AT) + 20 * MINUTE));
  meter.current = 'confirm';
  const [confirmation] = await outbox(sesEndpoint, owner);
  const confirmPath = linksIn(confirmation!, '/c/')[0]!;
  await http(confirmPath);
  await post(confirmPath);
  const goalId = verifyToken(config.keys, confirmPath.split('/')[2]!, 'confirm', clock.now()).subject[1]!;
  // Ten minutes after the confirmation, the tick sends the invitation.
  await tickDueUntil(owner, goalId, new Date(Date.parse(SIGNUP_AT) + 50 * MINUTE).toISOString());

  // The buddy says yes: the invitation page and the POST. The owner hears about it.
  clock.set(new Date(Date.parse(SIGNUP_AT) + 3 * 60 * MINUTE));
  meter.current = 'buddy-accept';
  const [invitation] = await outbox(sesEndpoint, buddy);
  const invitePath = linksIn(invitation!, '/i/')[0]!;
  await http(invitePath);
  await http(`${invitePath}/accept`, { method: 'POST' });

  let reaction: { path: string } | undefined;
  for (let week = 1; week <= weeks; week++) {
    const checkinAt = (await goalNow(owner, goalId)).nextCheckinAt!;
    const before = (await outbox(sesEndpoint, owner)).length;
    await tickDueUntil(owner, goalId, checkinAt);
    const checkin = (await outbox(sesEndpoint, owner)).slice(before).find((e) => linksIn(e, '/r/').length > 0);
    if (!checkin?.replyTo?.length) throw new Error(`week ${week}: no check-in with a reply address in the outbox`);

    // One click: the landing page, the POST, the week page (a remembered browser makes the same requests).
    clock.set(new Date(Date.parse(checkinAt) + 10 * MINUTE));
    meter.current = 'click';
    const record = linksIn(checkin, '/r/')[2]!; // the button for 2
    await http(record);
    await post(record);

    // One reply by email: SES receives it (chunks), stores it in S3 (PUT), invokes inbound, which reads it back (GET).
    clock.set(new Date(Date.parse(checkinAt) + 30 * MINUTE));
    meter.current = 'reply';
    const raw = await replyTo(checkin, owner, 'to denne uka, en av dem på fagdagen');
    const tally = meter.tally();
    tally.sesInbound.emails++;
    tally.sesInbound.chunks += Math.ceil(raw.length / SES_INBOUND_CHUNK);
    tally.sesInbound.bytes += raw.length;
    tally.s3.put++;
    const messageId = `bench${week}${crypto.randomUUID().replaceAll('-', '')}`;
    // The handler deletes the raw mail once handled; S3 DELETE requests are free.
    const rawMail = { get: async () => (meter.tally().s3.get++, raw), delete: async () => undefined };
    const event = {
      Records: [
        {
          eventSource: 'aws:ses',
          ses: {
            mail: { messageId, source: owner },
            receipt: {
              // The envelope holds the bare address; the Reply-To header names it ("Kompis" <…>).
              recipients: checkin.replyTo!.map((address) => /<([^>]+)>/.exec(address)?.[1] ?? address),
              spfVerdict: { status: 'PASS' },
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'PASS' },
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
            },
          },
        },
      ],
    };
    const { value: results } = await meter.invoke('inbound', () => handleSesEvent(deps, rawMail, event, meter.log));
    if (!results.some((r) => r.outcome === 'recorded')) throw new Error(`week ${week}: the reply was not recorded (${JSON.stringify(results)})`);

    // Whatever falls due before the next check-in: the buddy's weekly email.
    const next = (await goalNow(owner, goalId)).nextCheckinAt!;
    await tickDueUntil(owner, goalId, new Date(Date.parse(next) - 1).toISOString());

    // Measured once, priced apart: a buddy's reaction (the page and the POST; the owner gets an email).
    if (week === 1) {
      const weekly = (await outbox(sesEndpoint, buddy)).filter((e) => linksIn(e, '/k/').length > 0).at(-1);
      if (weekly) reaction = { path: linksIn(weekly, '/k/')[0]! };
      if (reaction) {
        meter.current = 'extra:buddy-reaction';
        await http(reaction.path);
        await post(reaction.path);
      }
    }
  }
  // The final reports, two days after the last check-in, and anything else still due.
  await tickDueUntil(owner, goalId, '2100-01-01T00:00:00.000Z');
  const finalGoal = await goalNow(owner, goalId);
  if (finalGoal.status !== 'completed') throw new Error(`the goal ended ${finalGoal.status}, not completed`);

  const ownerEmails = (await outbox(sesEndpoint, owner)).map((e) => e.subject);
  const buddyEmails = (await outbox(sesEndpoint, buddy)).map((e) => e.subject);
  doc.destroy();
  sesClient.destroy();
  return { owner, buddy, goalId, ownerEmails, buddyEmails, reaction: reaction !== undefined };
}

const tickDurations: { ms: number; due: boolean }[] = [];

/** DynamoDB's billed size of an item: names and values in UTF-8, numbers at about a byte per two digits, plus 100 bytes. */
function itemBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'number') return Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return 3 + value.reduce((s: number, v) => s + 1 + itemBytes(v), 0);
  if (value instanceof Set) return [...value].reduce((s: number, v) => s + itemBytes(v), 0);
  return 3 + Object.entries(value as Record<string, unknown>).reduce((s, [k, v]) => s + 1 + Buffer.byteLength(k) + itemBytes(v), 0);
}

async function storedBytes(client: DynamoDBClient, table: string) {
  let table_ = 0;
  let index = 0;
  let items = 0;
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      const size = Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + itemBytes(v), 0) + 100;
      table_ += size;
      items++;
      if (item.gsi1pk !== undefined) index += size;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { items, tableBytes: table_, indexBytes: index };
}

/** The custom metrics the Lambda entries publish (each with the service dimension: one metric each). */
const ENTRIES = ['functions/http/lambda.ts', 'functions/tick/handler.ts', 'functions/send/handler.ts', 'functions/inbound/handler.ts', 'functions/feedback/handler.ts'];
const metricNames = [
  ...new Set(ENTRIES.flatMap((entry) => [...readFileSync(new URL(`../../${entry}`, import.meta.url), 'utf8').matchAll(/addMetric\('(\w+)'/g)].map((m) => m[1]!))),
];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

export async function benchCost(options: { log?: (s: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const started = performance.now();
  tickDurations.length = 0;
  const stack = await startLocalStack({ dynamoPort: await freePort(), sesPort: await freePort(), tableName: 'cost-warmup' });
  try {
    const raw = new DynamoDBClient({ endpoint: stack.dynamodbEndpoint, region: 'eu-north-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const configFor = (table: string) =>
      loadConfig({
        KOMPIS_SECRET: 'bench:0123456789abcdef0123456789abcdef0123456789',
        KOMPIS_TABLE: table,
        KOMPIS_BASE_URL: 'https://kompis.example.com',
        KOMPIS_DYNAMODB_ENDPOINT: stack.dynamodbEndpoint,
        KOMPIS_SES_ENDPOINT: stack.sesEndpoint,
        AWS_REGION: 'eu-north-1',
      });
    // A warm-up goal of 2 weeks on a table of its own (JIT, the JVM, connections), not counted: a warm Lambda is measured.
    await scenario({ config: configFor('cost-warmup'), sesEndpoint: stack.sesEndpoint, meter: new Meter(), weeks: 2 });
    tickDurations.length = 0;

    await ensureTable(raw, 'cost-goal');
    const meter = new Meter();
    const config = configFor('cost-goal');
    // Ticks over the empty table: the tick's fixed cost, and its baseline duration.
    const emptyDoc = createDynamoClient(config);
    meter.watchDynamo(emptyDoc);
    const emptyStore = new DynamoStore(emptyDoc, config.tableName);
    const emptyMs: number[] = [];
    for (let i = 0; i < 11; i++) {
      meter.inTick = true;
      const t0 = performance.now();
      await runTick({ store: emptyStore, queue: { send: async () => {} } }, new Date(Date.parse(SIGNUP_AT) - (i + 1) * QUARTER));
      emptyMs.push(performance.now() - t0);
      meter.inTick = false;
    }
    const emptyTick = { ms: median(emptyMs), readUnits: (meter.buckets.get('fixed')?.dynamodb.readUnits ?? 0) / 11 };
    meter.buckets.delete('fixed');
    emptyDoc.destroy();

    log(`  empty tick: ${emptyTick.ms.toFixed(1)} ms, ${emptyTick.readUnits} RRU (4 due-index shards)`);
    const run = await scenario({ config, sesEndpoint: stack.sesEndpoint, meter, weeks: WEEKS });
    const storage = await storedBytes(raw, 'cost-goal');
    raw.destroy();

    // ---- the goal's own cost (the `fixed` bucket and the priced-apart extras left out)
    const goal = emptyTally();
    const byCause: Record<string, Tally> = {};
    for (const [name, tally] of meter.buckets) {
      if (name === 'fixed' || name.startsWith('extra:')) continue;
      addTally(goal, tally);
      byCause[name] = tally;
    }
    // The tick's work on this goal: what its due ticks took beyond an empty tick.
    const dueTicks = tickDurations.filter((t) => t.due);
    const tickMarginalMs = dueTicks.reduce((s, t) => s + Math.max(0, t.ms - emptyTick.ms), 0);
    goal.lambda.tick.billedMs += Math.ceil(tickMarginalMs);

    const perPeriod = price(goal);
    const storageGbMonth = (storage.tableBytes + storage.indexBytes) / 1e9;
    const storageUsdPerMonth = storageGbMonth * unit('dynamodbStorage') + (storage.tableBytes / 1e9) * unit('dynamodbPitr');
    const s3UsdPerMonth = (goal.sesInbound.bytes / MONTHS_PER_PERIOD / 1e9) * unit('s3Storage'); // each kept 30 days
    const perGoalMonth = perPeriod.total / MONTHS_PER_PERIOD + storageUsdPerMonth + s3UsdPerMonth;
    const sesPerGoalMonth = perPeriod.ses / MONTHS_PER_PERIOD;

    // ---- fixed, per month
    const tickGbS = (Math.ceil(emptyTick.ms) / 1000) * LAMBDA_GB;
    const fixedItems: Record<string, number> = {
      tickInvocations: TICKS_PER_MONTH * (unit('lambdaRequest') + tickGbS * unit('lambdaArmGbSecond')),
      tickQueries: TICKS_PER_MONTH * emptyTick.readUnits * unit('dynamodbReadRequest'),
      tickLogs: TICKS_PER_MONTH * ((LOG_PLATFORM_BYTES + LOG_EMF_BYTES + LOG_ENVELOPE_BYTES) / 1e9) * unit('cloudwatchLogsIngestion'),
    };
    for (const [name, p] of Object.entries(prices.fixed)) fixedItems[name] = (p.usd / p.quantity) * (name === 'customMetric' ? metricNames.length : (p.count ?? 1));
    const fixedPerMonth = Object.values(fixedItems).reduce((a, b) => a + b, 0);

    const scale = Object.fromEntries(
      [1_000, 100_000, 1_000_000].map((goals) => [
        goals,
        { variablePerMonth: goals * perGoalMonth, fixedPerMonth, totalPerMonth: goals * perGoalMonth + fixedPerMonth, perGoalIncludingFixed: perGoalMonth + fixedPerMonth / goals },
      ]),
    );
    const extra = meter.buckets.get('extra:buddy-reaction');
    const reactionUsd = extra ? price(extra).total : null;

    // Each queue kind's email: what one costs where the scenario sent it (its send invocation, claims, queue,
    // SES and feedback, per email), else SES plus the median of the measured kinds' other costs. Derived from
    // queueKinds, so a kind another issue adds shows here before a scenario sends it.
    const sesPerEmail = unit('sesOutbound');
    const measuredKinds = Object.fromEntries(
      queueKinds.filter((kind) => (byCause[kind]?.ses.emails ?? 0) > 0).map((kind) => [kind, price(byCause[kind]!).total / byCause[kind]!.ses.emails]),
    );
    const otherCosts = Object.values(measuredKinds).map((usd) => usd - sesPerEmail).sort((a, b) => a - b);
    const medianOther = otherCosts.length ? otherCosts[Math.floor(otherCosts.length / 2)]! : 0;
    const byEmailKind = Object.fromEntries(
      queueKinds.filter((kind) => !SENDS_NO_EMAIL.has(kind)).map((kind) =>
        measuredKinds[kind] !== undefined
          ? [kind, { usdPerEmail: measuredKinds[kind]!, measured: true, emailsInScenario: byCause[kind]!.ses.emails }]
          : [kind, { usdPerEmail: sesPerEmail + medianOther, measured: false, emailsInScenario: 0 }],
      ),
    );
    // SES's floor: the check-ins and the buddy's weekly emails a goal cannot do without, at SES's price.
    const sesFloorPerGoalMonth = (2 * WEEKS * sesPerEmail) / MONTHS_PER_PERIOD;
    const excludingSesPerGoalMonth = perGoalMonth - sesPerGoalMonth - perPeriod.sesInbound / MONTHS_PER_PERIOD;

    const round = (t: Tally) => ({
      ...t,
      lambda: Object.fromEntries(Object.entries(t.lambda).filter(([, l]) => l.invocations || l.billedMs)),
    });
    return {
      seconds: (performance.now() - started) / 1000,
      prices: { date: prices.date, region: prices.region },
      scenario: {
        weeks: WEEKS,
        perWeek: 'one click (landing page + POST + week page) and one email reply, buddy accepted, buddy weekly email',
        signup: 'form page, 3 live-coaching requests, POST; confirm page, POST, goal page; buddy invitation page and accept',
        ownerEmails: run.ownerEmails.length,
        buddyEmails: run.buddyEmails.length,
        emailsBySubject: countBy([...run.ownerEmails.map((s) => `owner: ${s.replace(/\d+/g, 'N')}`), ...run.buddyEmails.map((s) => `buddy: ${s.replace(/\d+/g, 'N')}`)]),
      },
      units: {
        ...round(goal),
        lambda: {
          ...round(goal).lambda,
          tick: { invocations: 0, billedMs: Math.ceil(tickMarginalMs), note: 'the due ticks beyond an empty tick; the invocations are fixed' },
        },
        storage: { ...storage, note: 'at the end of the period; kept after it (history), not priced beyond the active months' },
      },
      usdPerGoalPeriod: perPeriod,
      usdPerGoalMonth: {
        total: perGoalMonth,
        ses: sesPerGoalMonth,
        sesInbound: perPeriod.sesInbound / MONTHS_PER_PERIOD,
        excludingSes: perGoalMonth - sesPerGoalMonth - perPeriod.sesInbound / MONTHS_PER_PERIOD,
        byService: Object.fromEntries(Object.entries(perPeriod).filter(([k]) => k !== 'total').map(([k, v]) => [k, v / MONTHS_PER_PERIOD])),
        storage: storageUsdPerMonth + s3UsdPerMonth,
        monthsPerPeriod: MONTHS_PER_PERIOD,
      },
      byCause: Object.fromEntries(Object.entries(byCause).map(([name, t]) => [name, { usd: price(t).total, sesEmails: t.ses.emails, readUnits: t.dynamodb.readUnits, writeUnits: t.dynamodb.writeUnits, lambdaInvocations: Object.values(t.lambda).reduce((s, l) => s + l.invocations, 0) }])),
      extras: { buddyReactionUsd: reactionUsd, withOneReactionAWeekPerGoalMonth: reactionUsd === null ? null : perGoalMonth + (reactionUsd * WEEKS) / MONTHS_PER_PERIOD },
      emptyTick,
      fixedPerMonth: { total: fixedPerMonth, items: fixedItems, customMetrics: metricNames },
      scale,
      target: TARGET_PER_GOAL_MONTH,
      met: perGoalMonth <= TARGET_PER_GOAL_MONTH,
      sesAloneMeetsTarget: sesPerGoalMonth <= TARGET_PER_GOAL_MONTH,
      excludingSesMeetsTarget: excludingSesPerGoalMonth <= TARGET_EXCLUDING_SES,
      // The two numbers (issue 21): SES per goal-month against its floor, and everything else against its target.
      twoNumbers: {
        sesPerGoalMonth: sesPerGoalMonth + perPeriod.sesInbound / MONTHS_PER_PERIOD,
        sesFloorPerGoalMonth,
        sesFloor: `${WEEKS} check-ins and ${WEEKS} buddy weekly emails at ${sesPerEmail} each`,
        excludingSesPerGoalMonth,
        excludingSesTarget: TARGET_EXCLUDING_SES,
        excludingSesMet: excludingSesPerGoalMonth <= TARGET_EXCLUDING_SES,
      },
      byEmailKind,
      assumptions: [
        'One goal alone: each queued message is its own SQS request and send batch, each due-index Query returns only it (rounded up to 0.5 RRU) — an upper bound; at scale up to 10 messages share a request and a batch.',
        'SQS per message: SendMessageBatch by the tick, ReceiveMessage and DeleteMessageBatch by the event source mapping; its empty long polls are in the fixed cost.',
        'Lambda durations are this process\'s wall time of the handler-equivalent call against DynamoDB Local and the local SES, warm (a 2-week warm-up goal first); cold starts and real network latency are not included. Each invocation is billed rounded up to 1 ms at 512 MB, arm64.',
        'The tick runs every 15 minutes whether or not a goal is due: its invocations and empty queries are fixed; the goal carries its queries that found it, its SQS request and its time beyond an empty tick.',
        'Inbound: SES receipt (one 256 KB chunk per started 256 KB), the S3 PUT by the receipt rule and the GET by the function; raw mail kept 30 days.',
        'CloudWatch Logs bytes are estimated per invocation and request (see cost.bench.ts), the rest is counted.',
        'A failed conditional write counts 1 WRU; a transaction 2× what DynamoDB Local reports; an empty Query 0.5 RRU.',
        SEND_EVENTS
          ? 'The configuration set publishes Send events (infra/constructs/outbound-mail.ts): each email sent is one SNS publish and one feedback invocation, run here after the invocation that sent it.'
          : 'The configuration set publishes no Send events: bounces and complaints only, none in this scenario.',
        'Not in the scenario: mail scanners opening links (each GET is one HTTP API request and one http invocation), visits to the goal page, buddy reactions (priced apart), bounces (feedback function).',
      ],
    };
  } finally {
    await stack.stop();
  }
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

export function printCost(r: Awaited<ReturnType<typeof benchCost>>, log: (s: string) => void) {
  const usd = (n: number) => `$${n < 0.01 ? n.toPrecision(3) : n.toFixed(2)}`;
  const u = r.units;
  const m = r.usdPerGoalMonth;
  log(`  one goal, ${r.scenario.weeks} weeks: ${u.ses.emails} emails out, ${u.sesInbound.emails} in; ${u.dynamodb.readUnits} RRU, ${u.dynamodb.writeUnits} WRU; ${u.sqs.requests} SQS requests; ${u.apiRequests} HTTP API requests`);
  log(`  ${u.snsPublishes} SNS publishes (SES Send events)`);
  log(`  Lambda: ${Object.entries(u.lambda).map(([fn, l]) => `${fn} ${l.invocations}× ${l.billedMs} ms`).join(', ')} (tick: time beyond an empty tick only)`);
  const p = r.usdPerGoalPeriod;
  log(`  per goal and period: ${usd(p.total)} = SES out ${usd(p.ses)} + SES in ${usd(p.sesInbound)} + DynamoDB ${usd(p.dynamodb)} + API ${usd(p.apiGateway)} + Lambda ${usd(p.lambda)} + S3 ${usd(p.s3)} + logs ${usd(p.logs)} + SQS ${usd(p.sqs)} + SNS ${usd(p.sns)}`);
  const two = r.twoNumbers;
  log(`  per active goal-month: SES ${usd(two.sesPerGoalMonth)} (floor ${usd(two.sesFloorPerGoalMonth)}: ${two.sesFloor}); everything else $${two.excludingSesPerGoalMonth.toPrecision(4)}  ${two.excludingSesMet ? 'meets' : 'MISSES'} ≤ ${usd(two.excludingSesTarget)} (total ${usd(m.total)})`);
  log(`  per email: ${Object.entries(r.byEmailKind).map(([kind, k]) => `${kind} ${usd(k.usdPerEmail)}${k.measured ? '' : ' (est.)'}`).join(', ')}`);
  if (r.extras.buddyReactionUsd !== null) log(`  a buddy reaction: ${usd(r.extras.buddyReactionUsd)} each; with one a week ${usd(r.extras.withOneReactionAWeekPerGoalMonth!)} per goal-month`);
  log(`  fixed: ${usd(r.fixedPerMonth.total)} a month (${Object.entries(r.fixedPerMonth.items).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${usd(v)}`).join(', ')})`);
  for (const [goals, s] of Object.entries(r.scale)) {
    log(`  ${Number(goals).toLocaleString('en').padStart(9)} goals: ${usd(s.totalPerMonth).padStart(9)} a month, ${usd(s.perGoalIncludingFixed)} per goal with the fixed costs`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const json = process.argv.includes('--json');
  const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
  log(`cost per goal: one goal with a buddy through ${WEEKS} weeks, DynamoDB Local + local SES, priced at ${prices.region} list prices of ${prices.date}`);
  const result = await benchCost({ log });
  if (json) console.log(JSON.stringify(result, null, 2));
  else printCost(result, log);
}
