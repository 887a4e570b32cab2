// The form's coaching without script: one nudge for a vague goal or a disagreeing number, then "Save as
// it is"; empty number fields filled from the goal's words; and the JSON endpoint the script uses.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { aSignupForm, formBody } from '../helpers/factories.js';
import { outboxFor } from '../helpers/outbox.js';

const deps = testDeps();
const app = createApp(deps);
const post = (fields: Record<string, string>) =>
  app.request('/goals', { method: 'POST', body: formBody(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv());

describe('coaching on the sign-up form', () => {
  it('nudges a vague goal once, with what is missing and a sharper version in the person’s words, and saves nothing yet', async () => {
    const fields = aSignupForm({ locale: 'nb', goal: 'Treffe nye kunder', perWeek: '2', acknowledged: '' });
    const response = await post(fields);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Dette forstod Kompis');
    expect(html).toContain('<li>hvor mange — et tall</li>');
    expect(html).toContain('Jeg skal treffe minst 2 nye kunder');
    expect(html).toContain('Lagre som det er');
    expect(html).toMatch(/aria-live="polite"/);
    expect(await outboxFor(fields.email!)).toEqual([]);

    const saved = await post({ ...fields, acknowledged: '1' });
    expect(await saved.text()).toContain('Sjekk innboksen din');
    expect(await outboxFor(fields.email!)).toHaveLength(1);
  });

  it('lets a specific, measurable goal through at once', async () => {
    const fields = aSignupForm({ locale: 'en', goal: 'Meet 2 CFOs in Oslo every week this quarter', perWeek: '2', acknowledged: '' });
    expect(await (await post(fields)).text()).toContain('Check your inbox');
  });

  it('fills an empty number field from the text, and points out a disagreement before saving', async () => {
    const filled = aSignupForm({ locale: 'en', goal: 'Meet 3 Go developers every week for 8 weeks', perWeek: '', weeks: '', acknowledged: '' });
    expect(await (await post(filled)).text()).toContain('Check your inbox');
    const [goal] = (await deps.store.exportPerson(filled.email!)).goals;
    expect(goal).toMatchObject({ targetPerWeek: 3, weeks: 8 });

    const disagree = aSignupForm({ locale: 'en', goal: 'Meet 3 Go developers every week for 8 weeks', perWeek: '2', acknowledged: '' });
    const html = await (await post(disagree)).text();
    expect(html).toContain('Your text says 3 per week, but the number field says 2. Which is it?');
    expect(await outboxFor(disagree.email!)).toEqual([]);
  });

  it('answers the script’s questions as JSON, and a bad request with 400', async () => {
    const response = await app.request('/api/analyze', {
      method: 'POST',
      body: JSON.stringify({ text: 'Få kontakt med minst 2 beslutningstakere innen økonomi ukentlig hele neste kvartal', lang: 'nb' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ understood: '2 per uke, 13 uker, hvem: beslutningstakere innen økonomi', missing: [], complete: true, perWeek: 2, weeks: 13 });
    const bad = await app.request('/api/analyze', { method: 'POST', body: '{"text": 5}', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const huge = await app.request('/api/analyze', { method: 'POST', body: JSON.stringify({ text: 'x'.repeat(600) }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(400);
  });
});
