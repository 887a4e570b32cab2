// The sign-up → confirm path through the HTTP app, against DynamoDB Local and local SES.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { aSignupForm, formBody, uniqueEmail, type FormFields } from '../helpers/factories.js';
import { verifyToken } from '../../functions/core/tokens/tokens.js';
import { clientEnv, FixedClock, TEST_BASE_URL, testConfig, testDeps } from '../helpers/deps.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';

const monday = new Date('2026-03-02T09:00:00Z');

function setup() {
  const clock = new FixedClock(monday);
  const deps = testDeps(clock);
  const app = createApp(deps);
  const post = (path: string, body: URLSearchParams | string, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL, ...headers },
    }, clientEnv());
  return { clock, deps, app, post };
}

const pathOf = (url: string) => new URL(url).pathname;
/** The goal id a confirm link names (its payload is encrypted: only the app's keys read it). */
const goalIdIn = (confirmPath: string): string => verifyToken(testConfig().keys, confirmPath.split('/')[2]!, 'confirm', monday).subject[1]!;

async function signUpAndGetConfirmLink(fields: FormFields) {
  const { post, ...rest } = setup();
  const response = await post('/goals', formBody(fields));
  expect(response.status).toBe(200);
  const [email] = await outboxFor(fields.email!);
  expect(email).toBeDefined();
  const [link] = linksIn(email!, '/c/');
  return { ...rest, post, email: email!, confirmPath: pathOf(link!) };
}

describe('sign-up and confirmation', () => {
  it('stores a pending goal and sends one confirmation email in the chosen language', async () => {
    const fields = aSignupForm({ locale: 'nb', buddyName: 'Kari', buddyEmail: uniqueEmail('buddy') });
    const { post, deps } = setup();
    const response = await post('/goals', formBody(fields));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sjekk innboksen din');

    const emails = await outboxFor(fields.email!);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('Bekreft målet ditt');
    expect(emails[0]!.body.text).toContain(fields.goal);
    expect(emails[0]!.body.html).toContain('lang="nb"');
    expect(await outboxFor(fields.buddyEmail!)).toHaveLength(0);

    const person = await deps.store.getPerson(fields.email!);
    expect(person).toMatchObject({ email: fields.email, locale: 'nb', timeZone: 'Europe/Oslo', name: 'Ola Nordmann' });
  });

  it('answers the same page for a known and an unknown address', async () => {
    const { post } = setup();
    const fields = aSignupForm();
    const first = await (await post('/goals', formBody(fields))).text();
    const second = await (await post('/goals', formBody(fields))).text();
    const strip = (html: string) => html.replace(/nonce="[^"]+"/g, '');
    expect(strip(second)).toBe(strip(first));
  });

  it('shows the goal before confirming, and a GET changes nothing', async () => {
    const fields = aSignupForm({ locale: 'en', goal: 'Meet 2 CFOs a week' });
    const { app, confirmPath, deps } = await signUpAndGetConfirmLink(fields);
    const page = await app.request(confirmPath);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Meet 2 CFOs a week');
    expect(html).toContain('<form method="post"');
    await app.request(confirmPath);
    expect((await deps.store.getGoal(fields.email!, goalIdIn(confirmPath)))?.status).toBe('pending');
  });

  it('activates the goal on POST, schedules the first check-in in the owner’s zone, and lands on the goal page', async () => {
    const fields = aSignupForm({ locale: 'en', timeZone: 'America/New_York', weekday: '3', hour: '9' });
    const { app, post, confirmPath } = await signUpAndGetConfirmLink(fields);
    const confirmed = await post(confirmPath, '');
    expect(confirmed.status).toBe(303);
    const goalPath = confirmed.headers.get('location')!;
    expect(goalPath).toMatch(/^\/g\/[\w-]+\.[\w-]+\?done=confirmed$/);

    const page = await app.request(goalPath);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('active');
    // Confirmed Monday 2 March → Wednesday is under three days away → Wednesday 11 March, 09:00 New York.
    expect(html).toContain('Wednesday, 11 March 2026 at 09:00 (America/New_York)');
  });

  it('activates once: a second POST says it is already confirmed', async () => {
    const fields = aSignupForm({ locale: 'en' });
    const { deps, post, confirmPath } = await signUpAndGetConfirmLink(fields);
    expect((await post(confirmPath, '')).status).toBe(303);
    const again = await post(confirmPath, '');
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('already confirmed');
    const goal = await deps.store.getGoal(fields.email!, goalIdIn(confirmPath));
    expect(goal).toMatchObject({ status: 'active', nextWeek: 1, nextCheckinAt: '2026-03-06T14:00:00.000Z' });
    expect(goal?.expiresAt).toBeUndefined();
  });

  it('refuses the POST without an Origin from this site (CSRF), changing nothing', async () => {
    const fields = aSignupForm();
    const { post } = setup();
    const response = await post('/goals', formBody(fields), { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(await outboxFor(fields.email!)).toHaveLength(0);
  });

  it.each([
    ['a tampered token', (path: string) => path.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`)],
    ['a truncated token', (path: string) => path.slice(0, -3)],
    ['a token with its payload swapped', (path: string) => path.replace(/\/c\/[\w-]+/, '/c/eyJ2IjoxfQ')],
  ])('answers %s with a friendly 400 page and changes nothing', async (_, mangle) => {
    const fields = aSignupForm({ locale: 'en' });
    const { app, post, confirmPath, deps } = await signUpAndGetConfirmLink(fields);
    const path = mangle(confirmPath);
    for (const response of [await app.request(path), await post(path, '')]) {
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('This link is not valid');
    }
    expect((await deps.store.getGoal(fields.email!, goalIdIn(confirmPath)))?.status).toBe('pending');
  });

  it('refuses a goal-page link used as a confirm link', async () => {
    const fields = aSignupForm({ locale: 'en' });
    const { app, post, confirmPath } = await signUpAndGetConfirmLink(fields);
    const goalToken = (await post(confirmPath, '')).headers.get('location')!.split('/')[2]!.split('?')[0];
    const response = await post(`/c/${goalToken}`, '');
    expect(response.status).toBe(400);
    expect((await app.request(`/g/${goalToken}`)).status).toBe(200);
  });

  it('answers an expired confirm link with 410 and leaves the goal pending', async () => {
    const fields = aSignupForm({ locale: 'en' });
    const { post, confirmPath, clock, deps } = await signUpAndGetConfirmLink(fields);
    clock.set(new Date(monday.getTime() + 8 * 24 * 3600 * 1000));
    const response = await post(confirmPath, '');
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('expired');
    expect((await deps.store.getGoal(fields.email!, goalIdIn(confirmPath)))?.status).toBe('pending');
  });

  it('answers unknown pages with a 404 page in the visitor’s language', async () => {
    const { app } = setup();
    const response = await app.request('/nothing-here', { headers: { 'accept-language': 'nb' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('Det finnes ingen side');
  });

  it('sends security headers and a nonce-based CSP on every page', async () => {
    const { app } = setup();
    const response = await app.request('/');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/script-src 'nonce-[\w+/=-]+'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
