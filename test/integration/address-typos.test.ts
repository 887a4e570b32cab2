// A mistyped address is caught before anything is sent: the sign-up form and the goal page's buddy form
// ask "Did you mean …?" (without script here; the browser test covers the script), "Use …" takes the
// suggestion, saving again keeps the address as typed. "Check your inbox" says where the email went and
// leads back to the form, filled in. A buddy on Kompis's own domains is refused next to the field.
import { describe, expect, it } from 'vitest';
import { goalPagePath } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { aSignupForm, formBody, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';
import { rawMail } from '../helpers/mail.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';

async function setup() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const post = (path: string, fields: Record<string, string>) =>
    app.request(path, { method: 'POST', body: formBody(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv());
  return { clock, deps, app, post };
}

const local = () => `ola-${crypto.randomUUID().slice(0, 8)}`;

describe('a mistyped address on the sign-up form', () => {
  it('is asked about before anything is sent; "Use …" sends to the corrected address, shown on "check your inbox"', async () => {
    const s = await setup();
    const name = local();
    const form = aSignupForm({ email: `${name}@gmial.com`, locale: 'en' });
    const asked = await s.post('/goals', form);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain(`Did you mean ${name}@gmail.com?`);
    expect(html).toContain(`name="fix-email" value="${name}@gmail.com"`);
    expect(await outboxFor(`${name}@gmial.com`)).toHaveLength(0);
    expect(await s.deps.store.listGoals(`${name}@gmial.com`)).toHaveLength(0);

    const seen = /name="typoSeen" value="([^"]*)"/.exec(html)?.[1];
    expect(seen).toBe(`${name}@gmial.com`);
    const fixed = await s.post('/goals', { ...form, typoSeen: seen!, 'fix-email': `${name}@gmail.com` });
    expect(fixed.status).toBe(200);
    const inbox = await fixed.text();
    expect(inbox).toContain('Check your inbox');
    expect(inbox).toContain(`The email went to ${name}@gmail.com.`);
    expect(await outboxFor(`${name}@gmail.com`)).toHaveLength(1);
    expect(await outboxFor(`${name}@gmial.com`)).toHaveLength(0);
    // "Wrong address? Start again": the form, filled in with what was typed.
    const again = /<a href="([^"]+)">Wrong address\? Start again<\/a>/.exec(inbox)?.[1]?.replaceAll('&amp;', '&');
    expect(again).toBeDefined();
    const params = new URL(again!, TEST_BASE_URL).searchParams;
    expect(params.get('email')).toBe(`${name}@gmail.com`);
    expect(params.get('goal')).toBe(form.goal);
    expect(params.get('lang')).toBe('en');
    const refill = await (await s.app.request(again!)).text();
    expect(refill).toContain(`value="${name}@gmail.com"`);
  });

  it('keeps the address as typed when saved again after the question', async () => {
    const s = await setup();
    const address = `${local()}@hotmial.com`;
    const form = aSignupForm({ email: address, locale: 'nb' });
    const html = await (await s.post('/goals', form)).text();
    expect(html).toContain('Mente du ');
    const seen = /name="typoSeen" value="([^"]*)"/.exec(html)![1]!;
    const kept = await s.post('/goals', { ...form, typoSeen: seen });
    expect(await kept.text()).toContain(`E-posten gikk til ${address}.`);
    expect(await outboxFor(address)).toHaveLength(1);
  });

  it('asks about the buddy’s address too, and refuses one on Kompis’s own domains', async () => {
    const s = await setup();
    const buddy = `${local()}@outlok.com`;
    const form = aSignupForm({ locale: 'en', buddyName: 'Kari', buddyEmail: buddy });
    const asked = await (await s.post('/goals', form)).text();
    expect(asked).toContain(`Did you mean ${buddy.replace('outlok', 'outlook')}?`);
    expect(await outboxFor(form.email!)).toHaveLength(0);

    for (const ours of ['goal@in.kompis.localhost', 'coach@kompis.localhost']) {
      const refused = await s.post('/goals', aSignupForm({ locale: 'en', buddyEmail: ours }));
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('That is one of Kompis’s own addresses.');
    }
  });

  it('is checked by /api/address for the forms’ script', async () => {
    const s = await setup();
    const ask = (body: string) => s.app.request('/api/address', { method: 'POST', body, headers: { 'content-type': 'application/json', origin: TEST_BASE_URL } }, clientEnv());
    await expect((await ask('{"email":"kari@yaho.com"}')).json()).resolves.toEqual({ suggestion: 'kari@yahoo.com' });
    await expect((await ask('{"email":"kari@yahoo.com"}')).json()).resolves.toEqual({ suggestion: null });
    expect((await ask('{"email":5}')).status).toBe(400);
  });
});

describe('a mistyped buddy address on the goal page', () => {
  it('is asked about before the step-up link goes out; "Use …" asks the corrected address; Kompis’s own and the owner’s are refused', async () => {
    const s = await setup();
    const goal = await anActiveGoal(s.deps, { locale: 'en' });
    const path = `${goalPagePath(s.deps.config, goal, s.clock.now())}/buddy`;
    const typed = `${local()}@gmail.no`;
    const before = (await outboxFor(goal.owner)).length;
    const asked = await s.post(path, { buddyName: 'Kari', buddyEmail: typed });
    expect(asked.status).toBe(200);
    const html = await asked.text();
    const meant = typed.replace('gmail.no', 'gmail.com');
    expect(html).toContain(`Did you mean ${meant}?`);
    expect(html).toMatch(/<details class="panel" id="buddy" open/);
    expect(await outboxFor(goal.owner)).toHaveLength(before);

    const seen = /name="typoSeen" value="([^"]*)"/.exec(html)![1]!;
    const fixed = await s.post(path, { buddyEmail: typed, typoSeen: seen, 'fix-buddyEmail': meant });
    expect(fixed.status).toBe(303);
    const [link] = (await outboxFor(goal.owner)).slice(before);
    expect(link?.body.text).toContain(meant);

    // A "fix" that is not the suggestion for what was typed is not taken.
    const forged = await s.post(path, { buddyName: 'Kari', buddyEmail: typed, 'fix-buddyEmail': 'someone@evil.example' });
    expect(await forged.text()).toContain(`Did you mean ${meant}?`);

    const ours = await s.post(path, { buddyEmail: 'reply+x@in.kompis.localhost' });
    expect(ours.status).toBe(400);
    expect(await ours.text()).toContain('That is one of Kompis’s own addresses.');
    const own = await s.post(path, { buddyEmail: goal.owner });
    expect(own.status).toBe(400);
  });
});

describe('a goal sent by email', () => {
  it('names no buddy on Kompis’s own domains', async () => {
    const s = await setup();
    const sender = uniqueEmail('mailer');
    const to = `goal@${s.deps.config.inboundDomain}`;
    const raw = await rawMail({ from: sender, to, subject: 'My goal', text: 'Meet 2 Go developers every week for six weeks\n\nbuddy: coach@kompis.localhost' });
    await handleInbound(s.deps, { messageId: crypto.randomUUID(), raw, recipients: [to], verdicts: LOCAL_VERDICTS });
    const [goal] = await s.deps.store.listGoals(sender);
    expect(goal?.text).toContain('Meet 2 Go developers');
    expect(goal?.buddy).toBeUndefined();
  });
});

describe('the hint’s address field', () => {
  it('carries no suggestion for a well-typed address', async () => {
    const s = await setup();
    const response = await s.post('/goals', aSignupForm({ email: uniqueEmail('fine'), locale: 'en' }));
    expect(await response.text()).not.toContain('Did you mean');
  });
});
