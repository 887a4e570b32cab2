// A new person's first journey in a real browser: the form, the outbox, the confirm link, the goal page.
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { freePort } from '../../functions/local/ports.js';
import { launchBrowser } from '../helpers/browser.js';
import { FixedClock, testDeps, uniqueEmail } from '../helpers/deps.js';
import { outboxFor } from '../helpers/outbox.js';

const SCREENSHOTS = 'test-results/screenshots';
let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  const port = await freePort();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z')); // a Monday
  app = await serveApp(testDeps(clock, { KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }), port);
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a new person in the browser', () => {
  it('writes down a goal in bokmål, confirms it from the email and sees it active with its first check-in', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const email = uniqueEmail('ola');

    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Skriv ned målet ditt');
    await page.getByLabel('E-postadressen din').fill(email);
    await page.getByLabel('Navnet ditt (valgfritt)').fill('Ola Nordmann');
    await page.getByLabel('Målet ditt, med dine egne ord').fill('Få kontakt med minst 2 økonomidirektører hver uke');
    await page.getByLabel('Hvor mange per uke').fill('2');
    await expect(page.getByLabel('I hvor mange uker').inputValue()).resolves.toBe('13');
    await page.getByLabel('Kompisens navn (valgfritt)').fill('Kari');
    await page.getByLabel('Kompisens e-post (valgfritt)').fill(uniqueEmail('kari'));
    await expect(page.getByLabel('Tidssone').inputValue()).resolves.toBe('Europe/Oslo');
    await expect(page.getByLabel('Dag for oppfølging').inputValue()).resolves.toBe('5');
    await expect(page.getByLabel('Klokkeslett for oppfølging').inputValue()).resolves.toBe('15');
    await page.screenshot({ path: `${SCREENSHOTS}/signup-nb.png`, fullPage: true });
    await page.getByRole('button', { name: 'Lagre målet mitt' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sjekk innboksen din');

    const [message] = await outboxFor(email);
    expect(message?.subject).toBe('Bekreft målet ditt');
    // The email opens in its own blank tab, as in a mail client: no page's CSP applies to it.
    const mail = await context.newPage();
    await mail.setContent(message!.body.html!);
    await mail.screenshot({ path: `${SCREENSHOTS}/confirm-email-nb.png`, fullPage: true });
    // The email's button opens a new tab, as it would from a webmail inbox.
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      mail.getByRole('link', { name: 'Bekreft målet mitt' }).click(),
    ]);

    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Bekreft målet ditt');
    await tab.getByRole('button', { name: 'Bekreft målet mitt' }).click();

    await expect(tab.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Målet ditt');
    await expect(tab.getByTestId('status').textContent()).resolves.toBe('aktivt');
    await expect(tab.getByTestId('next-checkin').textContent()).resolves.toBe('fredag 6. mars 2026 kl. 15:00 (Europe/Oslo)');
    await tab.screenshot({ path: `${SCREENSHOTS}/goal-nb.png`, fullPage: true });
    await context.close();
  });

  it('fills the time zone from the browser and shows field errors in English without losing input', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app.url);
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('America/New_York');
    await page.getByLabel('Your email').fill('not-an-address');
    await page.getByLabel('Your goal, in your own words').fill('Meet 3 Go developers a week');
    await page.getByRole('button', { name: 'Save my goal' }).click();

    await expect(page.locator('#email-error').textContent()).resolves.toBe('Enter an email address like name@example.com.');
    await expect(page.locator('#perWeek-error').textContent()).resolves.toBe('Enter a whole number from 1 to 100.');
    await expect(page.getByLabel('Your goal, in your own words').inputValue()).resolves.toBe('Meet 3 Go developers a week');
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('America/New_York');
    await page.screenshot({ path: `${SCREENSHOTS}/signup-errors-en.png`, fullPage: true });
    await context.close();
  });
});
