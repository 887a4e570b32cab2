// Every kind of email as a person sees it, in Chromium: screenshots at phone (375 px) and desktop (640 px)
// width and in dark mode (prefers-color-scheme), WCAG AA contrast for every text and chart bar computed
// from the rendered page in light and dark, and what a reader needs: chart counts on one line, 44 px
// buttons, one real heading, a hidden preheader, phone margins that leave room for the text.
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../../functions/http/app.js';
import { freePort } from '../../functions/local/ports.js';
import { launchBrowser } from '../helpers/browser.js';
import { testDeps } from '../helpers/deps.js';
import { dark } from '../../templates/palette.js';
import { allEmailSamples, sampleName, type EmailSample } from '../helpers/email-samples.js';

const SCREENSHOTS = 'test-results/screenshots/emails';
const views = {
  phone: { viewport: { width: 375, height: 700 }, colorScheme: 'light' },
  desktop: { viewport: { width: 640, height: 700 }, colorScheme: 'light' },
  dark: { viewport: { width: 375, height: 700 }, colorScheme: 'dark' },
} as const;
type View = keyof typeof views;

let browser: Browser;
const pages = {} as Record<View, Page>;
const samples = allEmailSamples();

beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchBrowser();
  for (const [view, options] of Object.entries(views) as [View, (typeof views)[View]][]) {
    // No network at all: an email that loaded anything from outside would show it here as a failed request.
    const context = await browser.newContext({ ...options, javaScriptEnabled: false, offline: true });
    pages[view] = await context.newPage();
  }
});

afterAll(async () => {
  await browser?.close();
});

async function show(view: View, sample: EmailSample): Promise<Page> {
  const page = pages[view];
  await page.setContent(sample.email.html, { waitUntil: 'load' });
  return page;
}

/**
 * Every visible text (its element's colour on the first opaque background behind it) and every chart bar
 * (its colour on the card), as WCAG contrast ratios. Runs in the page; a string, so no bundler helper
 * leaks into it.
 */
const CONTRAST = `(() => {
  const rgb = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.a > 0) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && Number(s.opacity) > 0; };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || !visible(el)) continue;
    seen.add(el);
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize); const bold = Number(s.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    out.push({ what: n.textContent.trim().slice(0, 40), ratio: ratio(rgb(s.color), background(el)), need: large ? 3 : 4.5 });
  }
  for (const bar of document.querySelectorAll('.k-bar-on, .k-bar-under')) {
    out.push({ what: 'chart bar ' + bar.className, ratio: ratio(rgb(getComputedStyle(bar).backgroundColor), background(bar.closest('.k-card'))), need: 3 });
  }
  return out;
})()`;

describe.each(samples.map((s) => [sampleName(s), s] as const))('%s', (name, sample) => {
  const first = samples.find((s) => s.kind === sample.kind && s.locale === sample.locale) === sample;

  it('is screenshotted at phone width (and, the first of its kind, at desktop width and in dark mode)', async () => {
    for (const view of first ? (['phone', 'desktop', 'dark'] as const) : (['phone'] as const)) {
      const page = await show(view, sample);
      await page.screenshot({ path: `${SCREENSHOTS}/${name}-${view}.png`, fullPage: true });
    }
  });

  it.each(['phone', 'dark'] as const)('meets WCAG AA contrast for every text and chart bar (%s)', async (view) => {
    const page = await show(view, sample);
    const pairs = (await page.evaluate(CONTRAST)) as { what: string; ratio: number; need: number }[];
    expect(pairs.length).toBeGreaterThan(5);
    expect(pairs.filter((p) => p.ratio < p.need).map((p) => `${p.what}: ${p.ratio.toFixed(2)} < ${p.need}`)).toEqual([]);
  });

  it('keeps every chart count on one line, and every button at least 44 px tall, at phone width', async () => {
    const page = await show('phone', sample);
    const counts = await page.$$eval('td.k-strong', (cells) => cells.map((c) => ({ text: c.textContent, lines: c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight) })));
    for (const count of counts) expect(count.lines, `"${count.text}"`).toBeLessThan(1.5);
    const buttons = await page.$$eval('.k-button a, .k-button-quiet a', (links) => links.map((a) => ({ text: a.textContent?.trim(), height: a.getBoundingClientRect().height })));
    for (const button of buttons) expect(button.height, `"${button.text}"`).toBeGreaterThanOrEqual(44);
  });

  it('has one real heading, a hidden preheader, and phone margins of about 20 px', async () => {
    const page = await show('phone', sample);
    const headings = await page.$$eval('h1', (hs) => hs.map((h) => ({ text: h.textContent?.trim() ?? '', left: h.getBoundingClientRect().left })));
    expect(headings).toHaveLength(1);
    expect(headings[0]!.text.length).toBeGreaterThan(3);
    expect(headings[0]!.left).toBeLessThanOrEqual(24);
    const preheader = await page.$eval('.k-preheader', (p) => ({ text: p.textContent?.trim() ?? '', height: p.getBoundingClientRect().height }));
    expect(preheader.text.length).toBeGreaterThan(10);
    expect(preheader.height).toBe(0);
    expect(sample.email.html).not.toMatch(/<img\b|url\(|@import|<link\b/i);
  });
});

describe('the dark scheme', () => {
  const hex = (rgb: string) => `#${(rgb.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;

  it.each(samples.filter((s) => s.kind.endsWith('final') || s.kind === 'final-report').map((s) => [sampleName(s), s] as const))(
    'keeps the colours that mean something in %s: a reached goal and on-target bars in green, others in amber',
    async (_, sample) => {
      const page = await show('dark', sample);
      const colours = async (selector: string, property: 'color' | 'backgroundColor') =>
        [...new Set((await page.$$eval(selector, (els, p) => els.map((e) => getComputedStyle(e)[p as 'color']), property)).map(hex))];
      if (sample.variant.startsWith('reached')) expect(await colours('.k-verdict-reached', 'color')).toEqual([dark.accent]);
      expect(await colours('.k-bar-on', 'backgroundColor')).toEqual([dark.accent]);
      expect(await colours('.k-bar-under', 'backgroundColor')).toEqual([dark.under]);
    },
  );
});

describe('the page frame', () => {
  // Chromium fetches /favicon.ico by itself, outside what Playwright reports: the server counts the
  // requests. A bare page on another host name (localhost) is the control: once its favicon request
  // has come, Kompis's page (on 127.0.0.1) has had every chance to ask for one too.
  const requests: string[] = [];
  let server: ServerType;
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    const app = createApp(testDeps(undefined, { KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }));
    const bare = () => new Response('<!doctype html><title>bare</title><p>no icon named here', { headers: { 'content-type': 'text/html' } });
    server = serve({
      hostname: '127.0.0.1',
      port,
      fetch: (request) => {
        const url = new URL(request.url);
        requests.push(`${url.hostname}${url.pathname}`);
        return url.pathname === '/bare' ? bare() : app.fetch(request);
      },
    });
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('shows the wordmark, names its icon, and never asks for a /favicon.ico that is not there', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
    await expect(page.locator('link[rel=icon]').getAttribute('href', { timeout: 5000 })).resolves.toMatch(/^data:image\/svg\+xml,/);
    await expect(page.locator('header .brand').textContent()).resolves.toContain('Kompis');
    await page.screenshot({ path: 'test-results/screenshots/page-frame-phone.png' });
    await page.goto(`http://localhost:${port}/bare`, { waitUntil: 'load' });
    await expect.poll(() => requests.includes('localhost/favicon.ico'), { timeout: 20_000 }).toBe(true);
    expect(requests.filter((r) => r === '127.0.0.1/favicon.ico')).toEqual([]);
    await context.close();
  });
});
