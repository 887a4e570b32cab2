// Reads "how many" from a reply's new text: the first number written as digits (0–1000) or as a word
// (0–20, English and bokmål). Numbers that are clearly something else — times, dates, years, phone
// numbers, amounts, parts of links or codes — are masked out first, keeping every other position.
import type { Locale } from '../i18n/messages.js';

export interface FoundCount {
  count: number;
  /** Where the number stands in the text, and how long it is (a score "2/2" spans the whole score). */
  index: number;
  length: number;
}

const WORDS: Record<string, number> = {
  zero: 0, none: 0, nothing: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, 'a dozen': 12, dozen: 12,
  null: 0, ingen: 0, ingenting: 0, én: 1, en: 1, ett: 1, ei: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7,
  syv: 7, åtte: 8, ni: 9, ti: 10, elleve: 11, tolv: 12, tretten: 13, fjorten: 14, femten: 15, seksten: 16,
  sytten: 17, atten: 18, nitten: 19, tjue: 20, tyve: 20,
};
/** Bokmål number words that are also everyday English words: numbers only in a Norwegian text. */
const AMBIGUOUS = new Set(['to', 'en', 'ei', 'fire', 'ni']);
/** Articles ("en kunde"): a number, but any other number in the text wins over them. */
const ARTICLES = new Set(['en', 'ei', 'ett']);

const NORWEGIAN = /[æøå]|(?<![\p{L}])(denne|uka|uke|uken|jeg|og|med|har|ble|møtte|på|det|ikke|også|var|kun|bare|stk|kunder?|møter|fikk|hadde)(?![\p{L}])/iu;

const MONTHS =
  'jan(?:uar|uary)?|feb(?:ruar|ruary)?|mar(?:s|ch)?|apr(?:il)?|mai|may|jun[ie]?|jul[iy]?|aug(?:ust)?|sep(?:t|tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|des(?:ember)?|dec(?:ember)?';

// Each mask hides a kind of number that is not a count. Order matters: wider shapes first.
const MASKS: RegExp[] = [
  /https?:\/\/\S+|www\.\S+/gi,
  /[^\s@]+@[^\s@]+/g,
  /\+\d[\d\s().-]{6,}\d/g,
  /(?<!\d)\d{2,4}(?:[ -]\d{2,4}){2,}(?!\d)/g,
  /(?<!\d)\d{8,}(?!\d)/g,
  /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g,
  /(?<!\d)\d{1,2}\.\d{1,2}\.(?:\d{2,4})?/g,
  /(?<!\d)\d{1,2}[.:]\d{2}(?!\d)/g,
  /(?<![\p{L}])kl(?:\.|okka|okken)?\s*\d{1,2}(?:[.:]\d{2})?(?!\d)/giu,
  /(?<!\d)\d{1,2}\s?(?:am|pm)(?![\p{L}])/giu,
  new RegExp(`(?<!\\d)\\d{1,2}\\.?\\s*(?:of\\s+)?(?:${MONTHS})(?![\\p{L}])`, 'giu'),
  new RegExp(`(?<![\\p{L}])(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?!\\d)`, 'giu'),
  /(?<!\d)\d{1,2}(?:st|nd|rd|th)(?![\p{L}])/giu,
  /(?<!\d)(?:19|20)\d{2}(?!\d)/g,
  /(?:\$|€|£|(?<![\p{L}])(?:kr|nok|usd|eur)\.?)\s?\d[\d\s.,]*/giu,
  /\d[\d.,]*\s?(?:%|(?:kr|nok|usd|eur|kroner|dollars?)(?![\p{L}]))/giu,
  /\p{L}+\d+[\p{L}\d]*|\d+\p{L}+[\p{L}\d]*/gu,
];

// One pass over the text instead of one per kind: at each position the first kind that fits wins,
// and the kinds are listed widest first.
const MASK = new RegExp(MASKS.map((m) => `(?:${m.source})`).join('|'), 'giu');

function mask(text: string): string {
  // Every mask is about digits: a text without any has nothing to hide.
  return /\d/.test(text) ? text.replace(MASK, (m) => ' '.repeat(m.length)) : text;
}

export function isNorwegian(text: string): boolean {
  return NORWEGIAN.test(text);
}

/** `max`: the largest number that counts (a week's answer: 1000; a goal's target may be larger, "8000 steps"). */
export function readCount(text: string, hint?: Locale, max = 1000): FoundCount | undefined {
  // A score "2/2" (or "1 / 3") means the first number; "12/3" is a date.
  let masked = text.replace(/(?<!\d)(\d{1,3})\s?\/\s?(\d{1,3})(?!\d)/g, (m, a: string, b: string) =>
    Number(a) <= Number(b) ? `${a}${'\u0000'.repeat(m.length - a.length)}` : ' '.repeat(m.length),
  );
  masked = mask(masked);
  const norwegian = hint === 'nb' || isNorwegian(text);
  const whole = text.trim().toLowerCase();

  const candidates: (FoundCount & { article: boolean })[] = [];
  for (const m of masked.matchAll(/(?<![\p{L}\d])\d{1,6}(?![\p{L}\d])/gu)) {
    const value = Number(m[0]);
    if (value <= max) {
      const score = /^\u0000+/.exec(masked.slice(m.index + m[0].length));
      candidates.push({ count: value, index: m.index, length: m[0].length + (score?.[0].length ?? 0), article: false });
    }
  }
  for (const m of masked.matchAll(/(?<![\p{L}\d])(a dozen|[\p{L}]+)(?![\p{L}\d])/giu)) {
    const word = m[0].toLowerCase();
    const value = WORDS[word];
    if (value === undefined) continue;
    if (AMBIGUOUS.has(word) && !norwegian && whole !== word) continue;
    candidates.push({ count: value, index: m.index, length: m[0].length, article: ARTICLES.has(word) && whole !== word });
  }
  candidates.sort((a, b) => a.index - b.index);
  const best = candidates.find((c) => !c.article) ?? candidates[0];
  return best ? { count: best.count, index: best.index, length: best.length } : undefined;
}
