// Hostile mail (test/fixtures/hostile/mime.json) through the inbound handler: failed verdicts, spoofed and
// doubled senders, forged reply addresses, auto-replies, broken and oversized MIME. Each must come back
// with its outcome for every recipient (handleInbound never throws for what a sender did), record
// nothing, and leave the table as it was but for the counters of a trusted sender. It sends nothing, except
// the one short answer a trusted sender who is not the owner gets in a week ("answered:not-owner"): to that
// sender only, and nothing in it about the goal.
import addressparser from 'nodemailer/lib/addressparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopGoal } from '../../functions/core/goals/actions.js';
import { checkinReplyAddress, unsubscribeMailto } from '../../functions/core/links/links.js';
import { handleInbound, type InboundResult } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS, type Verdicts } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { addressFor } from '../../functions/core/tokens/address-tokens.js';
import { parseSigningKeys } from '../../functions/core/tokens/tokens.js';
import type { FixedClock } from '../helpers/deps.js';
import { anActiveGoal } from '../helpers/goals.js';
import { effectsWatch, loadCorpus, recordingMailer, tableSnapshot, watchRejections, hostileDeps } from '../helpers/hostile.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

interface Reply {
  from?: string;
  to?: string;
  subject?: string;
  headers?: string[];
  omit?: string[];
  body?: string;
  contentType?: string;
  cte?: string;
}
interface MimeCase {
  id: string;
  description: string;
  reply?: Reply;
  lines?: string[];
  raw?: string;
  generator?: string;
  encoding?: 'latin1';
  from?: string;
  to?: string;
  depth?: number;
  count?: number;
  bytes?: number;
  fill?: string;
  where?: 'subject' | 'body';
  recipients?: string[] | { repeat: string; times: number };
  verdicts?: Partial<Verdicts>;
  /** The envelope sender SES saw (its `mail.source`); the From's own address when absent. */
  envelopeFrom?: string;
  /** One outcome for every recipient, or `outcomes`, one per recipient. */
  expect: { outcome: string | null; outcomes?: string[] };
}

const { cases } = loadCorpus<{ cases: MimeCase[] }>('mime.json');
const tag = crypto.randomUUID().slice(0, 8);
const ATTACKER = `mallory-${tag}@evil.example`;
const OWNER = `ola-${tag}@example.com`;
const CLOSED_OWNER = `sam-${tag}@example.com`;
/** Outcomes decided before the sender is counted: such mail must not touch the table at all. */
const BEFORE_COUNTING = new Set(['dropped:too-large', 'dropped:untrusted', 'dropped:malformed', 'dropped:no-sender', 'dropped:many-senders', 'dropped:auto-reply']);

let deps: Deps & { clock: FixedClock };
let mailer: ReturnType<typeof recordingMailer>;
let watch: ReturnType<typeof effectsWatch>;
let placeholders: Record<string, string>;
let outboxAfterSetup: number[];
const rejections = watchRejections();
const people = [OWNER, CLOSED_OWNER, ATTACKER];

beforeAll(async () => {
  const { table, clock, deps: recorded } = await hostileDeps();
  ({ mailer } = recorded);
  deps = recorded;
  const goal = await anActiveGoal(deps, { email: OWNER, locale: 'nb', weeks: '3' });
  const closed = await anActiveGoal(deps, { email: CLOSED_OWNER, locale: 'en', weeks: '3' });
  await tickAt(deps, '2026-03-06T14:00:00Z');
  clock.set('2026-03-06T16:00:00Z');
  await stopGoal(deps, { owner: closed.owner, goalId: closed.id });

  const { config } = deps;
  const domain = config.inboundDomain;
  const replyTo = checkinReplyAddress(config, goal, 1);
  const token = replyTo.slice('checkin+'.length, replyTo.indexOf('@'));
  const [code, goalId, week, keyId, mac] = token.split('.') as [string, string, string, string, string];
  const unsub = unsubscribeMailto(config, goal).replace(/^mailto:/, '').split('?')[0]!;
  const unsubToken = unsub.slice('unsubscribe+'.length, unsub.indexOf('@'));
  const otherGoalId = closed.id.toLowerCase();
  placeholders = {
    OWNER,
    CLOSED_OWNER,
    ATTACKER,
    REPLY_TO: replyTo,
    REPLY_TO_UPPER: replyTo.toUpperCase(),
    CLOSED_REPLY_TO: checkinReplyAddress(config, closed, 1),
    UNSUB: unsub,
    CLOSED_UNSUB: unsubscribeMailto(config, closed).replace(/^mailto:/, '').split('?')[0]!,
    GOAL_ADDR: `goal@${domain}`,
    BAD_MAC: `checkin+${code}.${goalId}.${week}.${keyId}.${mac.startsWith('a') ? 'b' : 'a'}${mac.slice(1)}@${domain}`,
    WRONG_WEEK: `checkin+${code}.${goalId}.2.${keyId}.${mac}@${domain}`,
    WRONG_GOAL: `checkin+${code}.${otherGoalId}.${week}.${keyId}.${mac}@${domain}`,
    FUTURE_WEEK: checkinReplyAddress(config, goal, 3),
    WEEK_ZERO: checkinReplyAddress(config, goal, 0),
    UNKNOWN_GOAL: addressFor(config.keys, { purpose: 'checkin', goalId: '01KJPWD6M0AAAAAAAAAAAAAAAA', week: 1 }, domain),
    UNKNOWN_KEY: addressFor(parseSigningKeys(`k9:${'z'.repeat(40)}`), { purpose: 'checkin', goalId: goal.id, week: 1 }, domain),
    UNSUB_AS_CHECKIN: `checkin+${unsubToken}@${domain}`,
    CHECKIN_AS_UNSUB: `unsubscribe+${token}@${domain}`,
    TRUNCATED: `checkin+${token.slice(0, -3)}@${domain}`,
    HUGE_TOKEN: `checkin+${'a'.repeat(10 * 1024)}@${domain}`,
    OTHER_DOMAIN: `checkin+${token}@in.evil.example`,
    NO_TOKEN: `checkin@${domain}`,
    EMPTY_TOKEN: `checkin+@${domain}`,
    TRAVERSAL: `checkin+../../etc@${domain}`,
    UNKNOWN_MAILBOX: `postmaster@${domain}`,
    OWNER_ENCODED_WORD: `=?utf-8?b?${Buffer.from(OWNER).toString('base64')}?=`,
    OWNER_HOMOGLYPH: OWNER.replace('example.com', 'exаmple.com'),
    OWNER_PLUS: OWNER.replace('@', '+tag@'),
    HUGE_ID: 'x'.repeat(10 * 1024),
  };
  outboxAfterSetup = await Promise.all(people.map(async (p) => (await outboxFor(p)).length));
  watch = effectsWatch(tableSnapshot(table.KOMPIS_TABLE!), mailer, rejections);
  await watch.reset();
});

afterAll(() => rejections.stop());

const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => placeholders[name] ?? whole);

function replyText(r: Reply): string {
  const standard: [string, string][] = [
    ['From', r.from ?? '{{OWNER}}'],
    ['To', r.to ?? '{{REPLY_TO}}'],
    ['Subject', r.subject ?? 'Re: Uke 1 av 3'],
    ['Date', 'Fri, 06 Mar 2026 17:00:00 +0100'],
    ['Message-ID', `<${crypto.randomUUID()}@mail.example.com>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', r.contentType ?? 'text/plain; charset=utf-8'],
    ['Content-Transfer-Encoding', r.cte ?? '8bit'],
  ];
  const head = standard.filter(([name]) => !r.omit?.includes(name)).map(([name, value]) => `${name}: ${value}`);
  return [...head, ...(r.headers ?? []), '', r.body ?? ''].join('\r\n') + '\r\n';
}

/** A deterministic byte soup: the same "random" body on every run. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 0x2545f491;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Messages too big or too deep to write down; by default from the stopped goal's owner to its reply address. */
function generate(c: MimeCase): Buffer {
  const from = fill(c.from ?? '{{CLOSED_OWNER}}');
  const to = fill(c.to ?? '{{CLOSED_REPLY_TO}}');
  const head = (extra: string[] = [], contentType = 'text/plain; charset=utf-8') =>
    [`From: ${from}`, `To: ${to}`, 'Subject: Re: Week 1', 'MIME-Version: 1.0', `Content-Type: ${contentType}`, ...extra, ''].join('\r\n') + '\r\n';
  switch (c.generator) {
    case 'over-10mb': {
      const line = `${'a'.repeat(76)}\r\n`;
      return Buffer.from(head() + '2\r\n' + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length) + 1));
    }
    case 'nested-multipart': {
      const depth = c.depth!;
      let text = head([], 'multipart/mixed; boundary=b0');
      for (let i = 0; i < depth; i++) text += `--b${i}\r\nContent-Type: multipart/mixed; boundary=b${i + 1}\r\n\r\n`;
      text += `--b${depth}\r\nContent-Type: text/plain\r\n\r\n2\r\n`;
      for (let i = depth; i >= 0; i--) text += `--b${i}--\r\n`;
      return Buffer.from(text);
    }
    case 'nested-rfc822': {
      let text = head([], 'message/rfc822');
      for (let i = 0; i < c.depth!; i++) text += `From: x${i}@example.com\r\nSubject: ${i}\r\nContent-Type: message/rfc822\r\n\r\n`;
      return Buffer.from(`${text}From: y@example.com\r\nSubject: end\r\n\r\n2\r\n`);
    }
    case 'many-parts': {
      let text = head([], 'multipart/mixed; boundary=p');
      for (let i = 0; i < c.count!; i++) text += `--p\r\nContent-Type: text/plain\r\n\r\n2\r\n`;
      return Buffer.from(`${text}--p--\r\n`);
    }
    case 'many-headers':
      return Buffer.from(head(Array.from({ length: c.count! }, (_, i) => `X-Header-${i}: ${i}`)) + '2\r\n');
    case 'long-line': {
      const unit = c.fill ?? 'a';
      return Buffer.from(head() + unit.repeat(Math.ceil(c.bytes! / unit.length)) + '\r\n');
    }
    case 'long-header':
      return Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${'x'.repeat(c.bytes!)}\r\n\r\n2\r\n`);
    case 'deep-html':
      return Buffer.from(head([], 'text/html; charset=utf-8') + '<div>'.repeat(c.depth!) + '2' + '</div>'.repeat(c.depth!) + '\r\n');
    case 'binary-body':
      return Buffer.concat([Buffer.from(head([], 'text/plain; charset=utf-8')), noise(c.bytes!)]);
    case 'long-word-signup': {
      const word = 'x'.repeat(c.bytes!);
      const [subject, body] = c.where === 'subject' ? [word, '<b>my goal</b>'] : ['My goal', `<b> ${word}`];
      return Buffer.from(`From: ${fill('{{ATTACKER}}')}\r\nTo: ${fill('{{GOAL_ADDR}}')}\r\nSubject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`);
    }
    case 'many-encoded-words':
      return Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${'=?utf-8?b?w6Y=?= '.repeat(c.count!)}\r\n\r\n2\r\n`);
    default:
      throw new Error(`no generator ${c.generator}`);
  }
}

function messageOf(c: MimeCase): { raw: Buffer; recipients: string[] } {
  let raw: Buffer;
  if (c.generator) raw = generate(c);
  else {
    const text = fill(c.reply ? replyText(c.reply) : c.lines ? `${c.lines.join('\r\n')}\r\n` : (c.raw ?? ''));
    raw = Buffer.from(text, c.encoding ?? 'utf8');
  }
  // Raw messages go where their To: says: the stopped goal's address if they name it.
  const named = c.lines?.join('\n') ?? c.raw ?? '';
  const defaultTo = c.reply?.to ?? c.to ?? (c.generator === 'long-word-signup' ? '{{GOAL_ADDR}}' : c.generator || named.includes('{{CLOSED_REPLY_TO}}') ? '{{CLOSED_REPLY_TO}}' : '{{REPLY_TO}}');
  const recipients = Array.isArray(c.recipients)
    ? c.recipients.map(fill)
    : c.recipients
      ? Array.from({ length: c.recipients.times }, () => fill(c.recipients && !Array.isArray(c.recipients) ? c.recipients.repeat : ''))
      : [fill(defaultTo)];
  return { raw, recipients };
}

let week = 0;

/** The answer to a trusted sender who is not the owner: to that sender, and nothing of the goal in it. */
function expectOnlyTheShortAnswer(email: { to: string; text: string; html: string }, raw: Buffer): void {
  const [from] = addressparser(/^From:(.*)$/im.exec(raw.toString('utf8'))?.[1] ?? '');
  expect(email.to).toBe(from && 'address' in from ? from.address?.toLowerCase() : undefined);
  for (const secret of [OWNER, CLOSED_OWNER, '/g/', '/r/', 'beslutningstakere']) {
    expect(email.text).not.toContain(secret);
    expect(email.html).not.toContain(secret);
  }
}

describe('hostile mail', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    // A week apart, so neither the per-sender limit (20 an hour) nor the once-a-week answer decides a case.
    deps.clock.set(new Date(Date.parse('2026-03-06T16:00:00Z') + week++ * 7 * 86400_000));
    const { raw, recipients } = messageOf(c);
    const logged: Record<string, unknown>[] = [];
    watch.begin();
    let results: InboundResult[] | undefined;
    let thrown: unknown;
    try {
      const envelopeFrom = fill(c.envelopeFrom ?? c.reply?.from ?? '');
      const message = { messageId: `hostile-${c.id}`, raw, recipients, verdicts: { ...LOCAL_VERDICTS, ...c.verdicts }, envelopeFrom };
      results = await handleInbound(deps, message, (e) => logged.push(e));
    } catch (error) {
      thrown = error;
    }
    const effects = await watch.end();

    expect(thrown, c.description).toBeUndefined();
    const outcomes = c.expect.outcomes ?? recipients.map(() => c.expect.outcome).filter((o) => o !== null);
    expect(results!.map((r) => r.outcome)).toEqual(outcomes);
    expect(results!.length).toBe(c.expect.outcome === null && !c.expect.outcomes ? 0 : recipients.length);
    expect(logged.filter((e) => e.level === 'error')).toEqual([]);
    const counted = !BEFORE_COUNTING.has(c.expect.outcome ?? '');
    const counters = ['"pk":{"S":"RATE#inbound#', '"pk":{"S":"RATE#other-sender#'];
    const changes = effects.changed.filter((item) => !(counted && counters.some((counter) => item.includes(counter))));
    expect(changes, 'items changed in the table').toEqual([]);
    const answered = outcomes.includes('answered:not-owner');
    expect(effects.sent, 'emails sent').toHaveLength(answered ? 1 : 0);
    for (const email of mailer.sent) expectOnlyTheShortAnswer(email, raw);
    expect(effects.rejections, 'unhandled rejections').toEqual([]);
  });

  it('sent nothing to the owner, and anyone else nothing but short answers, as the outbox sees it', async () => {
    expect((await outboxFor(OWNER)).length).toBe(outboxAfterSetup[0]);
    for (const [n, person] of people.entries()) {
      for (const email of (await outboxFor(person)).slice(outboxAfterSetup[n])) {
        expect(email.body.text).toContain('Kompis leser bare svar fra adressen målet ble skrevet ned med');
      }
    }
    expect(rejections.seen).toEqual([]);
  });
});
