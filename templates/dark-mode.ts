// The emails' dark scheme, written once and emitted twice: for clients that honour prefers-color-scheme
// (Apple Mail, Outlook.com and the new Outlook, Outlook for Mac and phones) and for Outlook.com's own
// dark mode, which marks what it recoloured with [data-ogsc] (text) and [data-ogsb] (backgrounds).
// Each goes in a <style> of its own: a client that rejects one block (Gmail drops a block it cannot
// parse) keeps the others. Gmail and Yahoo ignore both and show the light design, which is AA too.
import { dark } from './palette.js';

type Rule = [selectors: string, property: 'color' | 'background-color' | 'border-color', value: string];

const rules: Rule[] = [
  ['body, .k-page, .k-page > div', 'background-color', dark.page],
  ['.k-card, .k-card table', 'background-color', dark.card],
  ['.k-card div, .k-card h1, .k-card h2, .k-card p, .k-card td, .k-strong', 'color', dark.text],
  // After the rule above, at the same specificity, so muted text stays muted. One class a selector:
  // Outlook.com prefixes only the first class of a selector that names two.
  ['.k-muted div, td.k-muted, p.k-muted, .k-footer div, .k-footer a, span.k-empty', 'color', dark.muted],
  ['.k-link, .k-wordmark-name', 'color', dark.accent],
  ['.k-quote div', 'border-color', dark.accent],
  ['.k-bubble', 'background-color', dark.quoteBg],
  ['.k-bar-on', 'background-color', dark.accent],
  ['.k-bar-under', 'background-color', dark.under],
  ['p.k-verdict-reached', 'color', dark.accent],
  // Buttons keep their green in both schemes; said again so a client's own recolouring cannot fade them.
  ['.k-button td, .k-mark', 'background-color', dark.button],
  ['.k-button a, .k-mark', 'color', '#ffffff'],
  ['.k-button-quiet td, .k-button-quiet a', 'background-color', dark.card],
  ['.k-button-quiet td', 'border-color', dark.accent],
  ['.k-button-quiet a', 'color', dark.accent],
];

const block = (prefix: string, only: (property: Rule[1]) => boolean) =>
  rules
    .filter(([, property]) => only(property))
    .map(([selectors, property, value]) => {
      const scoped = selectors
        .split(',')
        .map((s) => `${prefix}${s.trim()}`)
        .join(', ');
      return `${scoped} { ${property}: ${value} !important; }`;
    })
    .join('\n');

/** The dark scheme as MJML head elements, in place of {{css:dark}} in the shared head partial. */
export function darkModeHead(): string {
  const media = `@media (prefers-color-scheme: dark) {\n${block('', () => true)}\n}`;
  const outlookText = block('[data-ogsc] ', (p) => p !== 'background-color');
  const outlookBackground = block('[data-ogsb] ', (p) => p === 'background-color');
  return [media, outlookText, outlookBackground].map((css) => `<mj-raw><style type="text/css">\n${css}\n</style></mj-raw>`).join('\n');
}
