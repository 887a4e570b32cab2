// The languages Kompis speaks: one catalog file each, registered here by one line. Everything else —
// the language list, the Locale type, the compiled emails, the language picker — derives from this table.
import { en, type MessageKey } from './en.js';
import { nb } from './nb.js';

export type { MessageKey };

export const catalogs = {
  nb,
  en,
} as const satisfies Record<string, Record<MessageKey, string>>;

export type Locale = keyof typeof catalogs;
export const locales = Object.keys(catalogs) as [Locale, ...Locale[]];
/** For a visitor whose browser asks for none of them. */
export const defaultLocale: Locale = 'en';
