// The languages Kompis speaks: one catalog file each, registered here by one line. Everything else —
// the language list, the Locale type, the compiled emails, the language pickers, Accept-Language — derives
// from this table and from each catalog's own `lang.*` entries.
import { en, type MessageKey } from './en.js';
import { nb } from './nb.js';
import { pseudoCatalog } from './pseudo.js';

export type { MessageKey };

const languages = {
  nb,
  en,
} as const satisfies Record<string, Record<MessageKey, string>>;

export type Locale = keyof typeof languages;

/** The pseudo-language of test/e2e/pseudo-locale.test.ts, under a tag no browser sends; never in production. */
export const PSEUDO_LOCALE = 'en-XA' as Locale;

export const catalogs: Record<Locale, Record<MessageKey, string>> = {
  ...languages,
  ...(process.env.KOMPIS_PSEUDO_LOCALE ? { [PSEUDO_LOCALE]: pseudoCatalog() } : {}),
};

export const locales = Object.keys(catalogs) as [Locale, ...Locale[]];
/** For a visitor whose browser asks for none of them. */
export const defaultLocale: Locale = 'en';
