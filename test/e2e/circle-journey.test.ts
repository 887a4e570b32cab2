// Joining a circle and reading its digest in a real browser: the organiser starts it on the goal page and
// sends an invitation; the invited person reads the terms, says yes, opens the emailed join link, picks a goal;
// both answer week 1; the digest comes; its cheer asks before it sends.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { freePort } from '../../functions/local/ports.js';
import { goalPageUrl } from '../../functions/core/links/links.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import type { Deps } from '../../functions/core/ports.js';
import { launchBrowser } from '../helpers/browser.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

let browser: Browser;
let app: RunningApp;
let deps: Deps & { clock: FixedClock };

beforeAll(async () => {
  const port = await freePort();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  deps = { ...testDeps(clock, { ...(await freshTable()), KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }), clock };
  app = await serveApp(deps, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a circle in the browser', () => {
  it('starts, invites, joins with an existing goal after saying yes, and shows the digest with its cheers', { timeout: 120_000 }, async () => {
    const ola = await anActiveGoal(deps, { email: uniqueEmail('ola'), name: 'Ola', locale: 'nb', perWeek: '3' });
    const kari = await anActiveGoal(deps, { email: uniqueEmail('kari'), name: 'Kari', locale: 'en', perWeek: '2', goal: 'Book 2 customer meetings every week this quarter' });
    const context = await browser.newContext({ locale: 'nb-NO', viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();

    // Ola: the goal page's link, the start form, then the circle's page with its invitation.
    await page.goto(goalPageUrl(deps.config, ola, deps.clock.now()));
    await page.getByRole('link', { name: 'Start en sirkel' }).click();
    await page.getByLabel('Sirkelens navn').fill('Salg');
    await page.getByLabel('Felles mål, med ord (valgfritt)').fill('møter dette kvartalet');
    await page.getByLabel('Felles mål, tallet').fill('20');
    await page.getByRole('button', { name: 'Start sirkelen' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Salg');
    await page.getByLabel('Eller send den til en e-postadresse').fill(kari.owner);
    await page.getByRole('button', { name: 'Send invitasjonen' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Invitasjonen er på vei');

    // Kari: the invitation shows the terms; without "yes" nothing happens; with it, the join link comes.
    const kariPage = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    const [invitation] = await outboxFor(kari.owner).then((emails) => emails.filter((e) => e.subject.includes('Salg')));
    await kariPage.goto(linksIn(invitation!, '/cj/')[0]!);
    await expect.poll(() => kariPage.getByTestId('circle-terms').textContent()).toContain('never your email address');
    await kariPage.getByLabel('Your email address').fill(kari.owner);
    await kariPage.getByLabel('Your name in the circle').fill('Kari');
    await kariPage.getByRole('button', { name: 'Email me the link to join' }).click();
    await expect.poll(() => kariPage.locator('.error').first().textContent()).toContain('Say yes to the circle’s terms');
    await kariPage.getByLabel('Yes, I accept the circle’s terms').check();
    await kariPage.getByRole('button', { name: 'Email me the link to join' }).click();
    await expect.poll(() => kariPage.getByRole('status').textContent()).toContain('Check your inbox');
    const joinEmail = (await outboxFor(kari.owner)).find((e) => e.subject.startsWith('Join the circle'))!;
    await kariPage.goto(linksIn(joinEmail, '/ca/')[0]!);
    await expect.poll(() => kariPage.getByLabel('Your name in the circle').inputValue()).toBe('Kari');
    await kariPage.getByLabel('Yes, I accept the circle’s terms').check();
    await kariPage.getByRole('button', { name: 'Join with this goal' }).click();
    await expect.poll(() => kariPage.getByRole('status').textContent()).toContain('You are in the circle “Salg”');
    await kariPage.getByRole('link', { name: 'The circle’s page' }).click();
    await expect.poll(() => kariPage.getByTestId('circle-table').textContent()).toContain('Ola');

    // Week 1: both answer; the digest goes; Kari's cheer asks before it sends.
    const week1 = (await deps.store.getGoal(ola.owner, ola.id))!.nextCheckinAt!;
    await tickAt(deps, week1);
    deps.clock.set(new Date(Date.parse(week1) + 3600_000));
    for (const [goal, count] of [[ola, 3], [kari, 1]] as const) await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count, source: 'web' });
    await tickAt(deps, deps.clock.now().toISOString());
    const digest = (await outboxFor(kari.owner)).find((e) => e.subject === 'Salg: week 1')!;
    await kariPage.setContent(digest.body.html!);
    await expect.poll(() => kariPage.getByText('Together: 4 of 20').count()).toBe(1);
    const cheer = await kariPage.getByRole('link', { name: '👏 Ola' }).getAttribute('href');
    await kariPage.goto(cheer!);
    await kariPage.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => kariPage.getByRole('status').textContent()).toContain('Sent: Ola gets it by email');
    await expect.poll(async () => (await outboxFor(ola.owner)).filter((e) => e.subject === 'Kari heier på deg: 👏').length).toBe(1);
  });
});
