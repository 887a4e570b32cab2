// Hostile form posts (test/fixtures/hostile/forms.json) against every form Kompis has: each case must get
// its status and a human sentence in the right language (next to the field, for a field error), and must
// change nothing in the table and send no email — checked per case on a table of this file's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reactionKinds } from '../../functions/core/buddy/buddy-emails.js';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import type { Goal } from '../../functions/core/goal.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { goalPagePath, weekPagePath } from '../../functions/core/links/links.js';
import { isLocale, type MessageKey } from '../../functions/core/i18n/messages.js';
import type { Deps } from '../../functions/core/ports.js';
import { signToken } from '../../functions/core/tokens/tokens.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, TEST_BASE_URL } from '../helpers/deps.js';
import { aSignupForm } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { effectsWatch, expand, fieldErrorNextTo, loadCorpus, pageText, recordingMailer, tableSnapshot, watchRejections, type Gen, hostileDeps } from '../helpers/hostile.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

type Value = Gen | Gen[];
interface FormCase {
  id: string;
  description: string;
  target: string;
  /** GET with a query instead of a POST with a body. */
  method?: 'GET';
  query?: Record<string, Value>;
  body?: {
    form?: Record<string, Value>;
    multipart?: Record<string, Value>;
    files?: { name: string; filename: string; content: Gen }[];
    json?: unknown;
    jsonBase?: boolean;
    raw?: Gen;
    contentType?: string | null;
    omit?: string[];
    extraFields?: number;
  };
  headers?: { origin?: string; 'accept-language'?: string; 'sec-fetch-site'?: string };
  expect: { status: number; message?: MessageKey; field?: string; lang?: string; coaching?: boolean; json?: boolean };
}

const { cases } = loadCorpus<{ cases: FormCase[] }>('forms.json');
const tag = crypto.randomUUID().slice(0, 8);
const address = (label: string) => `${label}-${tag}@example.com`;
const CLIENT = clientEnv(`192.0.2.${Math.floor(Math.random() * 250) + 1}`);

interface Target {
  path: string;
  base: Record<string, string>;
}

let deps: Deps & { clock: FixedClock };
let mailer: ReturnType<typeof recordingMailer>;
let app: ReturnType<typeof createApp>;
let outboxAfterSetup: number[];
let watch: ReturnType<typeof effectsWatch>;
let targets: Record<string, Target>;
let placeholders: Record<string, string>;
const rejections = watchRejections();
const people: string[] = [];

beforeAll(async () => {
  const { table, clock, deps: recorded } = await hostileDeps();
  ({ mailer } = recorded);
  deps = recorded;

  // A: Norwegian, with a buddy who said yes (the reaction form, sharing notes, the buddy's page).
  // B: English, no buddy (the goal page's forms, the week page). C: a buddy invited, not yet answered.
  // P: written down, not confirmed.
  const [ownerA, buddyA, ownerB, ownerC, buddyC, ownerP] = ['ola', 'kari', 'bob', 'cat', 'dan', 'per'].map(address) as [string, string, string, string, string, string];
  // Everyone a case names, too: the sign-up form's address and the buddy the goal-page form would invite.
  people.push(ownerA, buddyA, ownerB, ownerC, buddyC, ownerP, address('new'), address('newbuddy'));
  const a = await anActiveGoal(deps, { email: ownerA, locale: 'nb', weeks: '3', buddyName: 'Kari', buddyEmail: buddyA });
  const b = await anActiveGoal(deps, { email: ownerB, locale: 'en', weeks: '3' });
  const c = await anActiveGoal(deps, { email: ownerC, locale: 'en', weeks: '3', buddyEmail: buddyC });
  const p = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: ownerP })));
  await acceptInvitation(deps, { owner: a.owner, goalId: a.id, buddy: buddyA });
  await tickAt(deps, '2026-03-06T14:00:00Z');
  clock.set('2026-03-06T16:00:00Z');
  const now = clock.now();

  const expiresAt = Math.floor(now.getTime() / 1000) + 86400;
  const token = (purpose: Parameters<typeof signToken>[1]['purpose'], subject: string[], extra: { week?: number; value?: number } = {}) =>
    signToken(deps.config.keys, { purpose, subject, expiresAt, ...extra });
  const goalPage = (goal: Goal) => goalPagePath(deps.config, goal, now);
  const signupBase = aSignupForm({ email: address('new') });
  targets = {
    home: { path: '/', base: {} },
    'goal-page': { path: goalPage(b), base: {} },
    signup: { path: '/goals', base: signupBase },
    analyze: { path: '/api/analyze', base: { text: 'Meet 2 finance people every week for 13 weeks', lang: 'en' } },
    pause: { path: `${goalPage(b)}/pause`, base: { resumeOn: '' } },
    resume: { path: `${goalPage(b)}/resume`, base: {} },
    schedule: { path: `${goalPage(b)}/schedule`, base: { weekday: '1', hour: '8', timeZone: 'Europe/Oslo' } },
    buddy: { path: `${goalPage(b)}/buddy`, base: { buddyName: 'Per', buddyEmail: address('newbuddy') } },
    'buddy-again': { path: `${goalPage(c)}/buddy/again`, base: {} },
    supporters: { path: `${goalPage(a)}/supporters`, base: { supporterName: 'Per', supporterEmail: address('newsupporter') } },
    'supporter-remove': { path: `${goalPage(a)}/supporters/nobody/remove`, base: {} },
    'supporter-again': { path: `${goalPage(a)}/supporters/nobody/again`, base: {} },
    'share-notes': { path: `${goalPage(a)}/share-notes`, base: { shareNotes: 'on' } },
    loop: { path: `${goalPage(a)}/loop`, base: { reminders: 'on' } },
    delete: { path: `${goalPage(b)}/delete`, base: { confirm: 'yes' } },
    stop: { path: `${goalPage(b)}/stop`, base: { confirm: 'yes' } },
    week: { path: weekPagePath(deps.config, b, 1, now), base: { count: '3', note: 'met three', channel: 'event' } },
    record: { path: `/r/${token('record', [b.owner, b.id], { week: 1, value: 2 })}`, base: {} },
    react: { path: `/k/${token('react', [a.owner, a.id, buddyA], { week: 1, value: reactionKinds.indexOf('ask') })}`, base: { message: 'Heia!' } },
    confirm: { path: `/c/${token('confirm', [p.owner, p.id])}`, base: {} },
    accept: { path: `/i/${token('invite', [c.owner, c.id, buddyC])}/accept`, base: {} },
    decline: { path: `/i/${token('invite', [c.owner, c.id, buddyC])}/decline`, base: {} },
    'buddy-lang': { path: `/buddy/${token('buddy', [buddyA])}/lang`, base: { lang: 'en' } },
    'sign-out': { path: `${goalPage(b)}/sign-out`, base: {} },
    export: { path: `${goalPage(b)}/export`, base: {} },
    'goal-link': { path: `${weekPagePath(deps.config, b, 1, now)}/goal-link`, base: {} },
    joker: { path: `${weekPagePath(deps.config, b, 1, now)}/joker`, base: {} },
    plan: { path: `${weekPagePath(deps.config, b, 1, now)}/plan`, base: { planDay: '4', planHour: '8', planText: 'coffee with 2 CFOs', planEmail: 'on' } },
    'unsubscribe-goal-link': { path: `/u/${token('unsubscribe', [b.owner, b.id])}/goal-link`, base: {} },
    forget: { path: `/buddy/${token('buddy', [buddyA])}/forget`, base: {} },
    'step-up-export': { path: `/s/export/${token('export', [b.owner, b.id])}`, base: {} },
    'step-up-delete': { path: `/s/delete/${token('erase', [b.owner, b.id])}`, base: {} },
    'step-up-buddy': { path: `/s/buddy/${token('buddy-change', [b.owner, b.id, address('newbuddy')])}`, base: {} },
    'step-up-forget': { path: `/s/forget/${token('forget', [buddyA])}`, base: {} },
    find: { path: '/find', base: { email: address('new') } },
    change: { path: `${goalPage(b)}/change`, base: { goal: 'Meet 2 Go developers every week', perWeek: '2', weeks: '3' } },
    address: { path: '/api/address', base: { email: address('new') } },
  };
  placeholders = {
    SIGNUP_EMAIL_UPPER: signupBase.email!.toUpperCase(),
    SIGNUP_URLENCODED: new URLSearchParams(signupBase).toString(),
    OWNER_B: ownerB,
    OWNER_A: ownerA,
    BUDDY_A: buddyA,
  };
  app = createApp(deps);
  outboxAfterSetup = await Promise.all(people.map(async (p) => (await outboxFor(p)).length));
  watch = effectsWatch(tableSnapshot(table.KOMPIS_TABLE!), mailer, rejections);
  await watch.reset();
});

afterAll(() => rejections.stop());

const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => placeholders[name] ?? `{{${name}}}`);
const value = (v: Gen) => fill(expand(v));

/** The fields of a case: the target's valid base, changed by the case, as name/value pairs. */
function pairsOf(base: Record<string, string>, changes: Record<string, Value>, omit: string[] = [], extraFields = 0): [string, string][] {
  const merged: Record<string, Value> = { ...base, ...changes };
  for (const name of omit) delete merged[name];
  const pairs: [string, string][] = [];
  for (const [name, v] of Object.entries(merged)) for (const one of Array.isArray(v) ? v : [v]) pairs.push([name, value(one)]);
  for (let i = 0; i < extraFields; i++) pairs.push([`x${i}`, 'y']);
  return pairs;
}

function jsonValues(v: unknown): unknown {
  if (typeof v === 'string') return fill(v);
  if (Array.isArray(v)) return v.map(jsonValues);
  if (v && typeof v === 'object') {
    if ('repeat' in v && 'times' in v) return value(v as Gen);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValues(x)]));
  }
  return v;
}

function requestOf(c: FormCase): { path: string; init: RequestInit; inputs: string[] } {
  const target = targets[c.target];
  if (!target) throw new Error(`unknown target ${c.target}`);
  const body = c.body ?? { form: {} };
  const headers: Record<string, string> = { 'accept-language': c.headers?.['accept-language'] ?? 'en' };
  const origin = c.headers?.origin ?? 'same';
  if (origin === 'same') headers.origin = TEST_BASE_URL;
  else if (origin === 'evil') headers.origin = 'https://evil.example';
  else if (origin !== 'none') headers.origin = origin;
  if (c.headers?.['sec-fetch-site']) headers['sec-fetch-site'] = c.headers['sec-fetch-site'];

  if (c.method === 'GET') {
    const pairs = pairsOf({}, c.query ?? {});
    return { path: `${target.path}?${new URLSearchParams(pairs)}`, init: { method: 'GET', headers }, inputs: pairs.map(([, v]) => v) };
  }
  let payload: BodyInit;
  let inputs: string[] = [];
  if (body.raw !== undefined) {
    payload = value(body.raw);
    inputs = [payload];
    if (body.contentType) headers['content-type'] = body.contentType;
  } else if (body.json !== undefined) {
    const json = body.jsonBase ? { ...target.base, ...(jsonValues(body.json) as object) } : jsonValues(body.json);
    payload = JSON.stringify(json);
    inputs = [payload];
    headers['content-type'] = 'application/json';
  } else if (body.multipart !== undefined) {
    const form = new FormData();
    const pairs = pairsOf(target.base, body.multipart, body.omit);
    for (const [name, v] of pairs) form.append(name, v);
    for (const file of body.files ?? []) form.append(file.name, new Blob([value(file.content)]), file.filename);
    payload = form;
    inputs = [...pairs.map(([, v]) => v), ...(body.files ?? []).map((f) => value(f.content))];
  } else {
    const pairs = pairsOf(target.base, body.form ?? {}, body.omit, body.extraFields);
    payload = new URLSearchParams(pairs).toString();
    inputs = pairs.map(([, v]) => v);
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return { path: target.path, init: { method: 'POST', body: payload, headers }, inputs };
}

describe('hostile form posts', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_, c) => {
    watch.begin();
    const { path, init, inputs } = requestOf(c);
    const response = await app.request(path, init, CLIENT);
    const text = await response.text();
    // Taken before any assertion, so that every case is checked for what it changed.
    const effects = await watch.end();

    expect(response.status, `${c.description}: ${text.slice(0, 300)}`).toBe(c.expect.status);
    expect(response.headers.get('set-cookie')).toBeNull();
    const lang = c.expect.lang;
    if (c.expect.json) {
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(text)).toHaveProperty('error');
    } else if (response.status !== 303) {
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      if (!lang || !isLocale(lang)) throw new Error(`case ${c.id} names no language`);
      expect(text).toContain(`<html lang="${lang}">`);
      if (c.expect.message) expect(text).toContain(pageText(lang, c.expect.message));
      if (c.expect.field) expect(fieldErrorNextTo(text, c.expect.field, pageText(lang, c.expect.message!))).toBeUndefined();
      if (c.expect.coaching) expect(text).toContain(pageText(lang, 'coach.heading'));
      // What the person typed comes back escaped, never as markup.
      for (const input of inputs) if (/<\s*[a-z!/?]|"/i.test(input) && input.length < 2000) expect(text).not.toContain(input);
    }

    expect(effects.changed, 'items changed in the table').toEqual([]);
    expect(effects.sent, 'emails sent').toEqual([]);
    expect(effects.rejections, 'unhandled rejections').toEqual([]);
  });

  it('sent nothing to anyone involved, as the outbox sees it', async () => {
    expect(await Promise.all(people.map(async (p) => (await outboxFor(p)).length))).toEqual(outboxAfterSetup);
    expect(rejections.seen).toEqual([]);
  });
});
