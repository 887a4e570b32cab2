// A third language is one catalog file and one line: the pseudo-language (templates/messages/pseudo.ts),
// registered for this file only, shows every page of the journey and every kind of email. Any visible text
// outside its brackets bypassed the catalogs; a handful of pages and emails, 30% longer than English, must
// still fit a 375 px phone. Text is checked in-process on the served HTML; Chromium only measures widths.
import { htmlToText } from 'html-to-text';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.KOMPIS_PSEUDO_LOCALE = '1';
});

const { PSEUDO_LOCALE } = await import('../../templates/messages/index.js');
const { locales, t } = await import('../../functions/core/i18n/messages.js');
const { compileEmails } = await import('../../templates/build.js');
const { compiledEmails } = await import('../../templates/compiled/emails.js');
const { createApp } = await import('../../functions/http/app.js');
const { emailSamples, sampleName } = await import('../helpers/email-samples.js');
const { buildJourney } = await import('../helpers/page-journey.js');
const { FixedClock, freshTable, testDeps } = await import('../helpers/deps.js');
const { aSignupForm } = await import('../helpers/factories.js');
const { launchBrowser } = await import('../helpers/browser.js');

const locale = PSEUDO_LOCALE;

/** What pages and emails show that is not text of ours: addresses and links, what people typed, names, the
 *  other languages' own names (in the language pickers), dates and times as Intl writes them. */
const DATA = [
  /\bhttps?:\/\/[^\s<>"]+/gi,
  /[\w.+-]+@[\w.-]+/gi,
  // the goals, notes and names of the journey and of the email samples (test/helpers/page-journey.ts, factories.ts)
  /Meet at least 2 finance decision makers every week this quarter/gi,
  /Have coffee with 2 new colleagues every week/gi,
  /Meet 2 finance decision makers every week|Meet new customers/gi,
  /Run 3 times a week|Write 5 pages a week/gi,
  /Få kontakt med minst 2 beslutningstakere innen økonomi hver uke/gi,
  /Two at the (breakfast )?meetup, one over lunch/gi,
  /Well done!|Strong week, keep it up!/gi,
  // an answer's subject: "Re: " (RFC 5322's reply prefix, as mail clients thread it) and the subject answered
  /\bRe: (Kari Nordmann is your buddy)?/g,
  /\b(Ola|Kari) Nordmann\b|\b(Kari|Per|Lars|Eva|Nora|Ola)\b/gi,
  // the circle's name in the email samples and the journey (test/helpers/circle-samples.ts, page-journey.ts)
  /Salgsteamet i Bergen|Bergen sales team|Salgsteamet/g,
  ...locales.filter((l) => l !== PSEUDO_LOCALE).flatMap((l) => [t(l, 'lang.name'), t(l, 'lang.short')].map((name) => new RegExp(name.replace(/[()]/g, '\\$&'), 'g'))),
  /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|at|am|pm)\b/gi,
  /\b(Europe|America|Asia|Africa|Australia|Pacific|Atlantic)\/[\w/+-]+/g,
  // the time-zone picker's options: IANA zone names as it shows them ("Europe / Oslo"), longest first; the
  // extracted text runs the options together ("Pacific / FijiPacific / Funafuti"), so no word boundaries
  new RegExp(zoneLabels().join('|'), 'g'),
];

function zoneLabels(): string[] {
  const labels = Intl.supportedValuesOf('timeZone').map((zone) => zone.replaceAll('_', ' ').replaceAll('/', ' / '));
  return labels.sort((a, b) => b.length - a.length).map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}

/** The visible words left once the pseudo-language's brackets and the data are taken out. */
export function unbracketed(text: string): string[] {
  let rest = text;
  // Brackets nest when a placeholder's value is itself catalog text: take the innermost first.
  for (let before = ''; before !== rest; ) [before, rest] = [rest, rest.replace(/\[[^[\]]*\]/g, ' ')];
  for (const pattern of DATA) rest = rest.replace(pattern, ' ');
  return rest.match(/\p{L}{2,}[\p{L}'’ -]*/gu)?.map((w) => w.trim()) ?? [];
}

/** What a reader sees or hears of an HTML page or email: its text, and its alt, title, aria-label and placeholder texts. */
function visibleText(html: string): string {
  const body = htmlToText(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'head', format: 'skip' },
    ],
  });
  const attributes = [...html.matchAll(/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/g)].map((m) => m[1]);
  return [body, ...attributes].join('\n');
}

let browser: Browser;
let pages: { name: string; status: number; html: string }[];

beforeAll(async () => {
  // The compiled emails hold the production languages; the pseudo-language's are compiled here, in-process.
  const pseudo = await compileEmails([locale]);
  for (const [name, byLocale] of Object.entries(pseudo)) Object.assign((compiledEmails as Record<string, object>)[name]!, byLocale);

  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = { ...testDeps(clock, await freshTable()), clock };
  const [journey, launched] = await Promise.all([buildJourney(deps, [locale]), launchBrowser()]);
  browser = launched;
  const app = createApp(deps);
  const links = journey[locale];
  const urls: [string, string][] = [
    ['signup', '/'],
    ['not-found', '/g/not-a-token'],
    ...Object.entries(links).flatMap(([name, url]): [string, string][] => (typeof url === 'string' && url.startsWith('http') ? [[name, url]] : [])),
  ];
  // Pages about a goal speak its language; the others (a link that no longer works) the one asked for.
  const inPseudo = (url: string) => `${url}${url.includes('?') ? '&' : '?'}lang=${locale}`;
  // The pages a sign-up form answers with: its errors, its coaching (no script), "check your inbox".
  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    headers: { origin: new URL(deps.config.baseUrl).origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(aSignupForm({ locale, goal: 'Meet 2 finance decision makers every week', acknowledged: '', ...fields }) as Record<string, string>).toString(),
  });
  const posts: [string, RequestInit][] = [
    ['signup-errors', form({ email: 'not-an-address' })],
    ['signup-coaching', form({ goal: 'Meet new customers', perWeek: '1' })],
    ['check-inbox', form({ acknowledged: '1' })],
  ];
  pages = await Promise.all([
    ...urls.map(async ([name, url]) => {
      const response = await app.request(inPseudo(url));
      return { name, status: response.status, html: await response.text() };
    }),
    ...posts.map(async ([name, init]) => {
      const response = await app.request('/goals', init);
      return { name, status: response.status, html: await response.text() };
    }),
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  delete process.env.KOMPIS_PSEUDO_LOCALE;
});

describe('the pseudo-language', () => {
  it('brackets and lengthens catalog text, placeholders kept', async () => {
    const { pseudoText } = await import('../../templates/messages/pseudo.js');
    expect(pseudoText('Week {{week}} of {{weeks}}')).toBe('[Ŵééķ {{week}} öƒ {{weeks}} ···]');
    expect(unbracketed('[Ŵééķ 3 öƒ 13 ···] Meet at least 2 finance decision makers every week this quarter, 5 March')).toEqual([]);
    expect(unbracketed('[Ŵééķ 3] of 13 [ok]')).toEqual(['of']);
  });
});

describe('every page in the pseudo-language', () => {
  it('is served', () => {
    expect(pages.length).toBeGreaterThan(30);
    expect(pages.filter((p) => p.name.startsWith('signup-') || p.name === 'check-inbox').map((p) => [p.name, p.status])).toEqual([
      ['signup-errors', 400],
      ['signup-coaching', 200],
      ['check-inbox', 200],
    ]);
    expect(pages.filter((p) => p.status >= 500).map((p) => p.name)).toEqual([]);
  });

  it('shows no text that bypassed the catalogs', () => {
    const found = pages.flatMap((p) => unbracketed(visibleText(p.html)).map((words) => `${p.name}: ${words}`));
    expect(found).toEqual([]);
  });
});

describe('every kind of email in the pseudo-language', () => {
  it('shows no text that bypassed the catalogs, in the subject, the text part or the HTML', () => {
    const samples = emailSamples(locale);
    const found = samples.flatMap((s) =>
      [s.email.subject, s.email.text, visibleText(s.email.html)].flatMap((part) => unbracketed(part).map((words) => `${sampleName(s)}: ${words}`)),
    );
    expect([...new Set(found)]).toEqual([]);
  });
});

describe('30% longer text at 375 px', () => {
  const PHONE = { width: 375, height: 740 };

  it('overflows no page and no email', async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    const wanted = ['signup', 'signup-coaching', 'goal', 'week', 'buddyPage', 'stepUpErase'];
    const emails = emailSamples(locale).filter((s, i, all) => all.findIndex((o) => o.kind === s.kind) === i);
    const shown = [
      ...pages.filter((p) => wanted.includes(p.name)).map((p) => ({ name: p.name, html: p.html })),
      ...emails.map((s) => ({ name: sampleName(s), html: s.email.html })),
    ];
    const overflowing: string[] = [];
    for (const { name, html } of shown) {
      await page.setContent(html, { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) overflowing.push(`${name}: ${width} px`);
    }
    await context.close();
    expect(shown.length).toBeGreaterThan(wanted.length);
    expect(overflowing).toEqual([]);
  });
});
