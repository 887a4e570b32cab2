// The coaching as a person sees it, with and without script, and every main page checked by axe-core
// in both languages: no serious or critical violations.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalPagePath, weekPagePath } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { freePort } from '../../functions/local/ports.js';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { launchBrowser } from '../helpers/browser.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { anActiveGoal } from '../helpers/goals.js';
import { tickAt } from '../helpers/weekly.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let app: RunningApp;
let deps: Deps & { clock: FixedClock };

beforeAll(async () => {
  const port = await freePort();
  deps = testDeps(new FixedClock(new Date('2026-03-02T09:00:00Z')), { ...(await freshTable()), KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }) as Deps & {
    clock: FixedClock;
  };
  app = await serveApp(deps, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** axe-core's serious and critical findings on the page, as "rule: target" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource); // evaluated by the browser's debugger, so the page's CSP does not block it
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as {
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('coaching in the browser', () => {
  it('coaches a vague goal as it is typed, in bokmål, and fills the empty number field from the text', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByLabel('Målet ditt, med dine egne ord').pressSequentially('Treffe nye kunder', { delay: 10 });
    await expect(page.locator('#coach-missing li').first().textContent()).resolves.toBe('hvor mange — et tall');
    await expect(page.locator('#coach-example').textContent()).resolves.toContain('Jeg skal treffe minst 2 nye kunder');
    await page.getByLabel('Målet ditt, med dine egne ord').fill('Treffe 3 nye kunder i helsesektoren hver uke i 6 uker');
    await page.waitForFunction(() => document.getElementById('coach-understood')?.textContent === '3 per uke, 6 uker, hvem: kunder i helsesektoren');
    await page.waitForFunction(() => (document.getElementById('perWeek') as HTMLInputElement).value === '3');
    await expect(page.getByLabel('I hvor mange uker').inputValue()).resolves.toBe('6');
    await page.screenshot({ path: 'test-results/screenshots/coaching-nb.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('nudges once without script, in English, and saves after "Save as it is"', async () => {
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByLabel('Your email').fill('vague@example.com');
    await page.getByLabel('Your goal, in your own words').fill('Meet new customers');
    await page.getByLabel('How many per week').fill('1');
    await page.getByRole('button', { name: 'Save my goal' }).click();
    await expect(page.locator('#coach-understood').textContent()).resolves.toBe('No number, cadence or time frame yet.');
    await expect(page.locator('#coach-example').textContent()).resolves.toContain('I will meet at least 2 new customers every week until');
    await page.screenshot({ path: 'test-results/screenshots/coaching-en-noscript.png', fullPage: true });
    await page.getByRole('button', { name: 'Save as it is' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
    await context.close();
  });
});

describe('accessibility of every main page', () => {
  it.each(['nb', 'en'] as const)('has no serious or critical axe violations in %s', async (locale) => {
    deps.clock.set('2026-03-02T09:00:00Z');
    const goal = await anActiveGoal(deps, { locale, weeks: '3', buddyName: 'Kari', buddyEmail: `kari-${locale}@example.com` });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    deps.clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, note: 'Bra uke', source: 'click' });
    const now = deps.clock.now();
    const context = await browser.newContext({ locale: locale === 'nb' ? 'nb-NO' : 'en-GB' });
    const page = await context.newPage();
    const pages = ['/', goalPagePath(deps.config, goal, now), weekPagePath(deps.config, goal, 1, now), '/no-such-page'];
    for (const path of pages) {
      await page.goto(`${app.url}${path}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto(`${app.url}${goalPagePath(deps.config, goal, now)}`);
    await page.screenshot({ path: `test-results/screenshots/goal-page-${locale}.png`, fullPage: true });
    await context.close();
  });
});
