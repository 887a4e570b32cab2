// Bad sign-up input: a 400 with the message next to the field, the typed values kept,
// nothing stored and nothing sent — and never a 5xx.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { aSignupForm, formBody, uniqueEmail } from '../helpers/factories.js';
import { clientEnv, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { outboxFor } from '../helpers/outbox.js';

const deps = testDeps();
const app = createApp(deps);

function post(body: BodyInit, contentType = 'application/x-www-form-urlencoded') {
  return app.request('/goals', { method: 'POST', body, headers: { 'content-type': contentType, origin: TEST_BASE_URL } }, clientEnv());
}

async function expectNothingKept(email: string) {
  expect(await deps.store.getPerson(email)).toBeUndefined();
  expect(await outboxFor(email)).toHaveLength(0);
}

describe('sign-up with bad input', () => {
  it.each([
    ['email', 'ola@', 'Enter an email address like name@example.com.'],
    ['goal', '', 'Write your goal in a sentence.'],
    ['goal', 'x'.repeat(501), 'Keep the goal under 500 characters.'],
    ['goal', '<script>alert("x")</script>', 'Please use plain text, without HTML tags.'],
    ['name', 'Ola\r\nBcc: everyone@example.com', 'Please keep this on one line.'],
    ['buddyName', 'x'.repeat(101), 'Keep names under 100 characters.'],
    ['perWeek', 'lots', 'Enter a whole number from 1 to 100.'],
    ['perWeek', '101', 'Enter a whole number from 1 to 100.'],
    ['weeks', '60', 'Enter a whole number of weeks from 1 to 52.'],
    ['timeZone', 'Mars/Olympus_Mons', 'Choose a time zone such as Europe/Oslo.'],
    ['buddyEmail', 'not an address', 'Enter your buddy’s email address like name@example.com, or leave it empty.'],
  ])('answers %s = %j with 400 and the message next to the field', async (field, value, message) => {
    const fields = aSignupForm({ locale: 'en', [field]: value });
    const response = await post(formBody(fields));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`<p class="error" id="${field}-error">${message.replace(/"/g, '&quot;')}</p>`);
    expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
    await expectNothingKept(fields.email!);
  });

  it('keeps what the person typed, escaped, when it shows the errors', async () => {
    const fields = aSignupForm({ locale: 'en', goal: 'Meet "two" <b>people</b>', perWeek: '0' });
    const html = await (await post(formBody(fields))).text();
    expect(html).toContain('Meet &quot;two&quot; &lt;b&gt;people&lt;/b&gt;</textarea>');
    expect(html).toContain(`value="${fields.email}"`);
    expect(html).not.toContain('<b>people</b>');
  });

  it('refuses a buddy address equal to the owner’s', async () => {
    const fields = aSignupForm({ locale: 'nb' });
    const response = await post(formBody({ ...fields, buddyEmail: fields.email!.toUpperCase() }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Kompisen trenger sin egen adresse, ikke din.');
    await expectNothingKept(fields.email!);
  });

  it('refuses a field sent twice', async () => {
    const fields = aSignupForm();
    const response = await post(formBody([...Object.entries(fields), ['email', 'other@example.com']]));
    expect(response.status).toBe(400);
    await expectNothingKept(fields.email!);
  });

  it('answers a JSON body, an empty body and a multipart file with 400, not 5xx', async () => {
    const fields = aSignupForm();
    expect((await post(JSON.stringify(fields), 'application/json')).status).toBe(400);
    expect((await post('')).status).toBe(400);
    const multipart = new FormData();
    for (const [k, v] of Object.entries(fields)) multipart.set(k, v);
    multipart.set('goal', new Blob(['a file']), 'goal.txt');
    const response = await app.request('/goals', { method: 'POST', body: multipart, headers: { origin: TEST_BASE_URL } });
    expect(response.status).toBe(400);
    await expectNothingKept(fields.email!);
  });

  it('answers a huge body with 413', async () => {
    const fields = aSignupForm({ goal: 'x'.repeat(100_000) });
    const response = await post(formBody(fields));
    expect(response.status).toBe(413);
    await expectNothingKept(fields.email!);
  });
});

describe('sign-up limits', () => {
  it('answers the sixth sign-up for one address in a day with 429, sending nothing more', async () => {
    const fields = aSignupForm({ locale: 'en' });
    for (let i = 0; i < 5; i++) expect((await post(formBody(fields))).status).toBe(200);
    const sixth = await post(formBody(fields));
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain('Too many goals written down from here just now.');
    expect(await outboxFor(fields.email!)).toHaveLength(5);
  });

  it('counts per client address as API Gateway records it, whatever X-Forwarded-For says', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    // A client rotating X-Forwarded-For on every request (and once sending 3,000 characters of it).
    const send = (email: string, i: number) =>
      app.request(
        '/goals',
        {
          method: 'POST',
          body: formBody(aSignupForm({ email })),
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: TEST_BASE_URL,
            'x-forwarded-for': i === 0 ? '9'.repeat(3000) : `10.1.${i}.${i}, 192.0.2.${i}`,
          },
        },
        clientEnv(ip),
      );
    for (let i = 0; i < 20; i++) expect((await send(uniqueEmail('ip'), i)).status).toBe(200);
    expect((await send(uniqueEmail('ip'), 20)).status).toBe(429);
    // Another client, whatever it claims to forward for, has its own allowance.
    expect((await app.request('/goals', { method: 'POST', body: formBody(aSignupForm()), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL, 'x-forwarded-for': ip } }, clientEnv())).status).toBe(200);
  });
});
