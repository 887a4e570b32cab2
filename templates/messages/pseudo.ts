// A pseudo-language for tests only: English, accented, about 30% longer and in brackets — "Week 3 of 13"
// becomes "[Ŵééķ 3 öƒ 13 ·····]". A page or email shown in it makes visible any text that bypassed the
// catalogs (it is not in brackets) and any layout that breaks when a language runs longer. It is registered
// like any language, by one line in index.ts, but only when KOMPIS_PSEUDO_LOCALE is set (in its test).
import { en, type MessageKey } from './en.js';

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);

/** Accents the letters outside {{placeholders}}, pads by ~30% and brackets the whole. */
export function pseudoText(text: string): string {
  const accented = text.split(/(\{\{\w+\}\})/).map((part, i) => (i % 2 ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTED[c]!))).join('');
  const padding = '·'.repeat(Math.max(1, Math.ceil(text.replace(/\{\{\w+\}\}/g, '').length * 0.3)));
  return `[${accented} ${padding}]`;
}

/** The language's own facts are not text: dates and plurals follow English, and no browser asks for it. */
const facts: Partial<Record<MessageKey, string>> = { 'lang.tag': 'en-GB', 'lang.accept': '' };

export function pseudoCatalog(): Record<MessageKey, string> {
  return Object.fromEntries(Object.entries(en).map(([key, text]) => [key, facts[key as MessageKey] ?? pseudoText(text)])) as Record<MessageKey, string>;
}
