// Every kind of email, checked against caniemail.com's support data for the clients most people read
// mail in: a feature a client does not support fails the test unless it is on the short list below of
// features whose absence changes nothing a reader needs (each with the reason). "new Outlook" for
// Windows is the Outlook.com engine in a window, so outlook.outlook-com stands for both; caniemail's
// "windows-mail" is the retired Mail app, not the new Outlook.
import { caniemail } from 'caniemail';
import { describe, expect, it } from 'vitest';
import { allEmailSamples, sampleName } from '../helpers/email-samples.js';

const clients = {
  'gmail.desktop-webmail': 'Gmail on the web',
  'gmail.ios': 'Gmail for iOS',
  'gmail.android': 'Gmail for Android',
  'outlook.windows': 'Outlook 2007–2021 on Windows',
  'outlook.outlook-com': 'Outlook.com and the new Outlook',
  'apple-mail.macos': 'Apple Mail on macOS',
  'apple-mail.ios': 'Apple Mail on iOS',
  'yahoo.desktop-webmail': 'Yahoo on the web',
  'yahoo.ios': 'Yahoo for iOS',
  'yahoo.android': 'Yahoo for Android',
} as const;

interface Harmless {
  features: string[];
  /** Only in these clients; every client when absent. */
  clients?: (keyof typeof clients)[];
  reason: string;
}

const harmless: Harmless[] = [
  {
    features: ['height property'],
    clients: ['yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android'],
    reason: 'Yahoo reads CSS height as min-height; every element with a CSS height also has the height attribute (checked below).',
  },
  {
    features: ['color-scheme CSS property', 'color-scheme meta tag', '@media', 'Attribute selector', 'Child combinator'],
    reason:
      'Dark mode and the phone layout are extras: a client without them shows the light desktop layout, which is checked for contrast; ' +
      'the dark-mode selectors sit in <style> blocks of their own, so dropping one drops nothing else.',
  },
  {
    features: ['Chaining selectors'],
    clients: ['outlook.windows', 'outlook.outlook-com'],
    reason: 'Only MJML’s “.moz-text-html .mj-column-per-100”, a Firefox-only fix; our own selectors name one class each.',
  },
  { features: ['aria-label attribute', 'aria-hidden attribute'], reason: 'Dropped for screen readers only; nothing visible changes.' },
  { features: ['target attribute', 'cursor'], reason: 'Links open in a new tab anyway; the pointer’s shape is not content.' },
  {
    features: ['word-break', 'word-spacing', 'outline', '<body> element'],
    reason: 'MJML’s resets; the body’s background is repeated on MJML’s wrapper div, and no long link is printed in the HTML.',
  },
  {
    features: ['max-height property', 'opacity', 'overflow'],
    clients: ['outlook.windows'],
    reason: 'The preheader’s extra hiding; Outlook hides it by mso-hide:all.',
  },
  { features: ['border-radius'], clients: ['outlook.windows'], reason: 'Square corners on buttons and the wordmark in Outlook on Windows.' },
  {
    features: ['white-space'],
    clients: ['outlook.windows'],
    reason: 'Chart counts sit in cells with a width attribute wide enough for four digits and the tick, so they do not wrap there either.',
  },
];

const isHarmless = (client: string, feature: string) =>
  harmless.some((h) => h.features.includes(feature) && (!h.clients || (h.clients as string[]).includes(client)));

const samples = allEmailSamples();
const results = samples.map((s) => ({ sample: s, result: caniemail({ clients: Object.keys(clients) as (keyof typeof clients)[], html: s.email.html }) }));

describe('every email in the common clients (caniemail data)', () => {
  it.each(results.map((r) => [sampleName(r.sample), r.result] as const))('%s uses nothing that breaks its layout or hides content', (_, result) => {
    const breaking = [...result.issues.errors].flatMap(([client, issues]) =>
      issues.filter((issue) => !isHarmless(client, issue.title)).map((issue) => `${clients[client as keyof typeof clients]}: ${issue.title} ${issue.notes.join(' ')}`),
    );
    expect([...new Set(breaking)]).toEqual([]);
  });

  it('keeps the allow-list honest: every entry is still needed by some email', () => {
    const seen = new Set(results.flatMap((r) => [...r.result.issues.errors].flatMap(([client, issues]) => issues.map((i) => `${client}|${i.title}`))));
    for (const entry of harmless) {
      for (const feature of entry.features) {
        const used = [...seen].some((key) => key.endsWith(`|${feature}`) && (!entry.clients || (entry.clients as string[]).includes(key.split('|')[0]!)));
        expect(used, `${feature} is allowed but no email uses it any more`).toBe(true);
      }
    }
  });

  it.each(samples.map((s) => [sampleName(s), s.email.html] as const))('%s gives every CSS height the height attribute too (Yahoo)', (_, html) => {
    const withCssHeight = [...html.matchAll(/<(?:td|table|div|img)\b[^>]*style="[^"]*(?<![-\w])height:\s*\d/g)].map((m) => m[0]);
    expect(withCssHeight.length).toBeGreaterThan(0);
    expect(withCssHeight.filter((tag) => !/\sheight="\d+"/.test(tag))).toEqual([]);
  });
});
