// Hostile links (test/fixtures/hostile/tokens.json) on every route that takes a token: tampered, truncated,
// expired, of another purpose or key, replayed, naming another person's goal. Each must answer with its
// status and a human page in the right language, change nothing in the table and send no email.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation, nameBuddy, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { react } from '../../functions/core/buddy/reactions.js';
import { pauseGoal, stopGoal } from '../../functions/core/goals/actions.js';
import { neverEmailAgain } from '../../functions/core/emails/never-email.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import type { Goal } from '../../functions/core/goal.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { isLocale, type MessageKey } from '../../functions/core/i18n/messages.js';
import type { Deps } from '../../functions/core/ports.js';
import { parseSigningKeys, signToken, tokenBody, type SigningKeys, type TokenPayload, type TokenPurpose } from '../../functions/core/tokens/tokens.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, TEST_BASE_URL } from '../helpers/deps.js';
import { aSignupForm } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { effectsWatch, loadCorpus, pageText, recordingMailer, tableSnapshot, watchRejections, hostileDeps } from '../helpers/hostile.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

interface Claims {
  week?: number;
  value?: number;
  generation?: number;
}
interface Expectation {
  status: number;
  message?: MessageKey;
  vars?: Record<string, string | number>;
  lang?: string;
}
interface Route {
  id: string;
  method: 'GET' | 'POST';
  path: string;
  purpose: TokenPurpose;
  subject: string;
  claims?: Claims;
  body?: Record<string, string>;
  origin?: 'none';
  wrongPurpose?: TokenPurpose;
  mutations: 'all' | 'core';
  /** Where this route answers a mutation differently from the mutation's usual expectation. */
  expectOverrides?: Record<string, Partial<Expectation>>;
}
interface Mutation {
  id: string;
  description: string;
  core?: boolean;
  lang: string;
  expect: Expectation;
}
interface WholeCase {
  id: string;
  description: string;
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, string>;
  origin?: 'none';
  token: { purpose: TokenPurpose; subject: string; claims?: Claims };
  headers?: { 'accept-language'?: string };
  /** Key prefixes of rate counters this case may move (a replay of a valid link can count as a click). */
  allowCounters?: string[];
  expect: Expectation;
}
interface Row {
  id: string;
  description: string;
  method: 'GET' | 'POST';
  path: string;
  body?: Record<string, string> | undefined;
  origin?: 'none' | undefined;
  acceptLanguage: string;
  token: () => string;
  allowCounters: string[];
  expect: Expectation;
}

const corpus = loadCorpus<{ routes: Route[]; mutations: Mutation[]; cases: WholeCase[] }>('tokens.json');
const tag = crypto.randomUUID().slice(0, 8);
const address = (label: string) => `${label}-${tag}@example.com`;
const ATTACKER = `mallory-${tag}@evil.example`;
const NEVER = address('nina');
const SUPPRESSED = address('sue');

let deps: Deps & { clock: FixedClock };
let mailer: ReturnType<typeof recordingMailer>;
let app: ReturnType<typeof createApp>;
let watch: ReturnType<typeof effectsWatch>;
let subjects: Record<string, string[]>;
let outboxAfterSetup: number[];
const rejections = watchRejections();
const people: string[] = [ATTACKER, NEVER, SUPPRESSED];

beforeAll(async () => {
  const { table, clock, deps: recorded } = await hostileDeps();
  ({ mailer } = recorded);
  deps = recorded;

  const [ownerA, buddyA, ownerS, ownerP, ownerU, ownerC, oldC, newC, ownerD, buddyD] = ['ola', 'kari', 'sam', 'per', 'una', 'cat', 'old', 'new', 'dag', 'dina'].map(address) as string[] as [
    string, string, string, string, string, string, string, string, string, string,
  ];
  people.push(ownerA, buddyA, ownerS, ownerP, ownerU, ownerC, oldC, newC, ownerD, buddyD);
  const ref = (goal: Goal) => ({ owner: goal.owner, goalId: goal.id });
  // A: active, Norwegian, a buddy who said yes and already cheered week 1. S: stopped. P: not confirmed.
  // U: unsubscribed. C: its first buddy said no, a second is invited. D: its owner deleted everything.
  const a = await anActiveGoal(deps, { email: ownerA, locale: 'nb', weeks: '3', buddyName: 'Kari', buddyEmail: buddyA });
  const s = await anActiveGoal(deps, { email: ownerS, locale: 'en', weeks: '3' });
  const p = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: ownerP, locale: 'nb' })));
  const u = await anActiveGoal(deps, { email: ownerU, locale: 'en', weeks: '3' });
  const c = await anActiveGoal(deps, { email: ownerC, locale: 'en', weeks: '3', buddyEmail: oldC });
  const d = await anActiveGoal(deps, { email: ownerD, locale: 'en', weeks: '3', buddyEmail: buddyD });
  await acceptInvitation(deps, { ...ref(a), buddy: buddyA });
  await releaseBuddy(deps, { ...ref(c), buddy: oldC }, 'declined');
  await nameBuddy(deps, c.owner, c.id, { email: newC });
  await tickAt(deps, '2026-03-06T14:00:00Z');
  clock.set('2026-03-06T16:00:00Z');
  await react(deps, { ...ref(a), buddy: buddyA }, 1, 'applause');
  await stopGoal(deps, ref(s));
  await pauseGoal(deps, ref(u), undefined, 'unsubscribed');
  await deleteEverything(deps, ownerD);
  await neverEmailAgain(deps, SUPPRESSED);

  subjects = {
    A: [ownerA, a.id],
    S: [ownerS, s.id],
    P: [ownerP, p.id],
    U: [ownerU, u.id],
    C: [ownerC, c.id],
    D: [ownerD, d.id],
    'A-buddy': [ownerA, a.id, buddyA],
    'A-buddy-only': [buddyA],
    'A-attacker': [ownerA, a.id, ATTACKER],
    'S-attacker': [ownerS, s.id, ATTACKER],
    'C-buddy': [ownerC, c.id, newC],
    'C-oldbuddy': [ownerC, c.id, oldC],
    'C-buddy-forged-id': [ownerC, c.id, newC, 'sforged'],
    'D-buddy': [ownerD, d.id, buddyD],
    'A-owner-P-goal': [ownerA, p.id],
    'A-owner-C-goal': [ownerA, c.id],
    N: [NEVER],
    'N-suppressed': [SUPPRESSED],
    none: [],
  };
  app = createApp(deps);
  outboxAfterSetup = await Promise.all(people.map(async (person) => (await outboxFor(person)).length));
  watch = effectsWatch(tableSnapshot(table.KOMPIS_TABLE!), mailer, rejections);
  await watch.reset();
});

afterAll(() => rejections.stop());

const seconds = () => Math.floor(deps.clock.now().getTime() / 1000);

function mint(purpose: TokenPurpose, subject: string, claims: Claims = {}, options: { expiresAt?: number; keys?: SigningKeys } = {}): string {
  const names = subjects[subject];
  if (!names) throw new Error(`unknown subject ${subject}`);
  return signToken(options.keys ?? deps.config.keys, {
    purpose,
    subject: names,
    expiresAt: options.expiresAt ?? seconds() + 86400,
    ...(claims.week === undefined ? {} : { week: claims.week }),
    ...(claims.value === undefined ? {} : { value: claims.value }),
    ...(claims.generation === undefined ? {} : { generation: claims.generation }),
  });
}

// Payloads are encrypted: the test opens and reseals them with the suite's own key, as someone who could
// read and encrypt but not sign would (a stronger attacker than a real one, who cannot even encrypt).
const decode = (body: string) => tokenBody.open(deps.config.keys.current.secret, body) as Record<string, unknown>;
const encode = (payload: unknown) => tokenBody.seal(deps.config.keys.current, payload as TokenPayload);
const swap = (ch: string) => (ch === 'A' ? 'B' : 'A');

/** Each mutation turns the route's valid token into the hostile one. */
const mutations: Record<string, (r: Route) => string> = {
  'tampered-subject': (r) => rewrite(mint(r.purpose, r.subject, r.claims), (p) => ({ ...p, s: [ATTACKER, ...(p.s as string[]).slice(1)] })),
  'tampered-expiry': (r) => rewrite(mint(r.purpose, r.subject, r.claims), (p) => ({ ...p, e: (p.e as number) + 10 * 365 * 86400 })),
  'tampered-week': (r) =>
    rewrite(mint(r.purpose, r.subject, r.claims), (p) => (p.x !== undefined ? { ...p, x: (p.x as number) + 1 } : { ...p, w: ((p.w as number | undefined) ?? 0) + 1 })),
  'relabelled-purpose': (r) => rewrite(mint(r.wrongPurpose ?? 'goal', r.subject, r.claims), (p) => ({ ...p, p: r.purpose })),
  'flipped-payload-char': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    const at = Math.floor(body.length / 2);
    return `${body.slice(0, at)}${swap(body[at]!)}${body.slice(at + 1)}.${sig}`;
  },
  'flipped-signature-char': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body}.${swap(sig[0]!)}${sig.slice(1)}`;
  },
  'signature-upper-case': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body}.${sig.toUpperCase() === sig ? sig.toLowerCase() : sig.toUpperCase()}`;
  },
  'truncated-signature': (r) => mint(r.purpose, r.subject, r.claims).slice(0, -1),
  'truncated-payload': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body.slice(0, -4)}.${sig}`;
  },
  'no-signature': (r) => parts(mint(r.purpose, r.subject, r.claims))[0],
  'empty-signature': (r) => `${parts(mint(r.purpose, r.subject, r.claims))[0]}.`,
  'extra-segment': (r) => {
    const token = mint(r.purpose, r.subject, r.claims);
    return `${token}.${parts(token)[1]}`;
  },
  'wrong-purpose': (r) => mint(r.wrongPurpose ?? 'goal', r.subject, r.claims),
  expired: (r) => mint(r.purpose, r.subject, r.claims, { expiresAt: seconds() - 1 }),
  'expired-long-ago': (r) => mint(r.purpose, r.subject, r.claims, { expiresAt: 1 }),
  'unknown-key': (r) => mint(r.purpose, r.subject, r.claims, { keys: parseSigningKeys(`k9:${'z'.repeat(40)}`) }),
  'same-key-id-other-secret': (r) => mint(r.purpose, r.subject, r.claims, { keys: parseSigningKeys(`${deps.config.keys.current.id}:${'y'.repeat(40)}`) }),
  'forged-unsigned': (r) => `${parts(mint(r.purpose, r.subject, r.claims))[0]}.${'A'.repeat(43)}`,
  huge: (r) => `${'A'.repeat(10 * 1024)}.${parts(mint(r.purpose, r.subject, r.claims))[1]}`,
  'non-base64': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body.slice(0, 10)}$${body.slice(10)}.${sig}`;
  },
  'standard-base64': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body.slice(0, 6)}+${body.slice(7)}.${sig}`;
  },
  'padded-signature': (r) => `${mint(r.purpose, r.subject, r.claims)}==`,
  'percent-junk': () => '%00%ff%fe%c0%af%2e%2e%25',
  'encoded-traversal': () => '..%2F..%2F..%2Fetc%2Fpasswd',
  'raw-traversal': () => '../../../etc/passwd',
  empty: () => '',
  'space-wrapped': (r) => `%20${mint(r.purpose, r.subject, r.claims)}%20`,
  'nul-appended': (r) => `${mint(r.purpose, r.subject, r.claims)}%00`,
  'payload-null': (r) => `${encode(null)}.${parts(mint(r.purpose, r.subject, r.claims))[1]}`,
  'payload-proto': (r) => {
    const id = Buffer.from('__proto__');
    const body = Buffer.concat([Buffer.of(id.length), id, Buffer.alloc(16), Buffer.from('{}')]).toString('base64url');
    return `${body}.${parts(mint(r.purpose, r.subject, r.claims))[1]}`;
  },
  'unicode-dot': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body}%E2%80%A4${sig}`;
  },
  'double-encoded-dot': (r) => {
    const [body, sig] = parts(mint(r.purpose, r.subject, r.claims));
    return `${body}%252E${sig}`;
  },
};

function parts(token: string): [string, string] {
  const [body = '', sig = ''] = token.split('.');
  return [body, sig];
}

/** Changes the payload and keeps the signature: what an attacker who cannot sign can do. */
function rewrite(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [body, sig] = parts(token);
  return `${encode(change(decode(body)))}.${sig}`;
}

const rows: Row[] = [
  ...corpus.routes.flatMap((route) =>
    corpus.mutations
      .filter((m) => route.mutations === 'all' || m.core)
      .map((m): Row => {
        const mutate = mutations[m.id];
        if (!mutate) throw new Error(`no mutation ${m.id}`);
        return {
          id: `${route.id} / ${m.id}`,
          description: m.description,
          method: route.method,
          path: route.path,
          body: route.body,
          origin: route.origin,
          acceptLanguage: m.lang,
          token: () => mutate(route),
          allowCounters: [],
          expect: { ...m.expect, ...route.expectOverrides?.[m.id], lang: m.lang },
        };
      }),
  ),
  ...corpus.cases.map(
    (c): Row => ({
      id: c.id,
      description: c.description,
      method: c.method,
      path: c.path,
      body: c.body,
      origin: c.origin,
      acceptLanguage: c.headers?.['accept-language'] ?? c.expect.lang ?? 'en',
      token: () => mint(c.token.purpose, c.token.subject, c.token.claims),
      allowCounters: c.allowCounters ?? [],
      expect: c.expect,
    }),
  ),
];

const fill = (text: string) => text.replace('{{ATTACKER}}', ATTACKER).replace('{{SUPPRESSED}}', SUPPRESSED);

describe('hostile links', () => {
  it.each(rows.map((r) => [r.id, r] as const))('%s', async (_, row) => {
    watch.begin();
    const path = row.path.replace('{token}', row.token());
    const headers: Record<string, string> = { 'accept-language': row.acceptLanguage };
    if (row.origin !== 'none') headers.origin = TEST_BASE_URL;
    const init: RequestInit = { method: row.method, headers };
    if (row.method === 'POST') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = new URLSearchParams(Object.entries(row.body ?? {}).map(([k, v]) => [k, fill(v)])).toString();
    }
    const response = await app.request(path, init);
    const text = await response.text();
    const effects = await watch.end();

    expect(response.status, `${row.description}: ${text.slice(text.indexOf('<h1'), text.indexOf('<h1') + 400)}`).toBe(row.expect.status);
    if (row.expect.status !== 303) {
      const lang = row.expect.lang;
      if (!isLocale(lang) || !row.expect.message) throw new Error(`${row.id} names no language or message`);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(text).toContain(`<html lang="${lang}">`);
      const vars = Object.fromEntries(Object.entries(row.expect.vars ?? {}).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]));
      expect(text).toContain(pageText(lang, row.expect.message, vars));
    }
    const counted = (item: string) => row.allowCounters.some((prefix) => item.includes(`"pk":{"S":"${prefix}`));
    expect(effects.changed.filter((item) => !counted(item)), 'items changed in the table').toEqual([]);
    expect(effects.sent, 'emails sent').toEqual([]);
    expect(effects.rejections, 'unhandled rejections').toEqual([]);
  });

  it('sent nothing to anyone involved, as the outbox sees it', async () => {
    expect(await Promise.all(people.map(async (p) => (await outboxFor(p)).length))).toEqual(outboxAfterSetup);
    expect(rejections.seen).toEqual([]);
  });
});
