// Every page Kompis serves — reached through the links its emails carry — has the security headers and a
// strict CSP whose nonce is on every script and style, and every form on those pages refuses a
// cross-site POST (except the two one-click links mail providers post to).
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { aSignupForm, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function everyPage() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const buddy = uniqueEmail('kari');
  const goal = await anActiveGoal(deps, { locale: 'en', name: 'Ola', weeks: '3', buddyName: 'Kari', buddyEmail: buddy });
  const confirmLink = linksIn((await outboxFor(goal.owner))[0]!, '/c/')[0]!;
  const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale: 'en' })));
  const pendingConfirm = linksIn((await outboxFor(pending.owner))[0]!, '/c/')[0]!;
  const inviteLink = linksIn((await outboxFor(buddy))[0]!, '/i/')[0]!;
  await app.request(`${new URL(inviteLink).pathname}/accept`, { method: 'POST', headers: { origin: TEST_BASE_URL } });
  await tickAt(deps, '2026-03-06T14:00:00Z');
  clock.set('2026-03-06T15:00:00Z');
  await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, source: 'click' });
  await tickAt(deps, '2026-03-06T16:00:00Z');
  const checkin = (await outboxFor(goal.owner)).find((email) => email.subject.startsWith('Week 1'))!;
  const weekly = (await outboxFor(buddy)).at(-1)!;
  const path = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };
  // The step-up links, as the goal page and the buddy page ask for them.
  const goalPath = path(linksIn(checkin, '/g/')[0]!);
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL };
  for (const [action, body] of [['export', ''], ['delete', 'confirm=yes'], ['buddy', `buddyEmail=${encodeURIComponent(uniqueEmail('nina'))}`]]) {
    await app.request(`${goalPath}/${action}`, { method: 'POST', body, headers: form });
  }
  await app.request(`${path(linksIn(weekly, '/buddy/')[0]!)}/forget`, { method: 'POST', headers: form });
  const stepUps = [...['/s/export/', '/s/delete/', '/s/buddy/'].map(async (prefix) => path(linksIn((await outboxFor(goal.owner)).find((e) => linksIn(e, prefix).length)!, prefix)[0]!)),
    path(linksIn((await outboxFor(buddy)).at(-1)!, '/s/forget/')[0]!)];
  const pages = [
    '/',
    '/?lang=nb',
    '/no-such-page',
    '/g/not-a-token',
    path(confirmLink),
    path(pendingConfirm),
    ...['/g/', '/w/', '/r/', '/u/', '/n/'].map((prefix) => path(linksIn(checkin, prefix)[0]!)),
    `${goalPath}/export`,
    `${goalPath}/stop`,
    path(inviteLink),
    ...['/k/', '/bl/', '/buddy/'].map((prefix) => path(linksIn(weekly, prefix)[0]!)),
    ...(await Promise.all(stepUps)),
  ];
  return { app, pages };
}

describe('every page', () => {
  it('carries the security headers and a strict CSP, and every form refuses a cross-site POST', async () => {
    const { app, pages } = await everyPage();
    const forms = new Set<string>();
    for (const page of pages) {
      const response = await app.request(page);
      expect(response.headers.get('content-type'), page).toMatch(/^text\/html/);
      const csp = response.headers.get('content-security-policy') ?? '';
      const nonce = /script-src 'nonce-([\w+/=-]+)'/.exec(csp)?.[1];
      expect(nonce, `${page}: ${csp}`).toBeTruthy();
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'", `style-src 'nonce-${nonce}'`]) {
        expect(csp, page).toContain(directive);
      }
      expect(csp, page).not.toContain('unsafe');
      expect(response.headers.get('x-content-type-options'), page).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), page).toBe('no-referrer');
      expect(response.headers.get('strict-transport-security'), page).toMatch(/max-age=\d+/);
      expect(response.headers.get('x-frame-options'), page).toBeTruthy();
      expect(response.headers.get('cross-origin-opener-policy'), page).toBe('same-origin');
      expect(response.headers.get('set-cookie'), page).toBeNull();

      const html = await response.text();
      for (const tag of html.match(/<(script|style)\b[^>]*>/g) ?? []) expect(tag, page).toContain(`nonce="${nonce}"`);
      expect(html, page).not.toMatch(/\son\w+=/i); // no inline event handlers, which a nonce cannot cover
      for (const [, action] of html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]+)"/g)) forms.add(action!.replace(/&amp;/g, '&'));
    }
    expect(forms.size).toBeGreaterThan(16);

    for (const action of forms) {
      const oneClick = action.startsWith('/u/') || action.startsWith('/bl/');
      if (oneClick) continue;
      for (const origin of ['https://evil.example', 'null']) {
        const response = await app.request(action, {
          method: 'POST',
          body: 'count=1',
          headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        });
        expect(response.status, `${action} from ${origin}`).toBe(403);
      }
      const noOrigin = await app.request(action, { method: 'POST', body: 'count=1', headers: { 'content-type': 'text/plain' } });
      expect(noOrigin.status, `${action} without Origin`).toBe(403);
    }
  });
});
