// Looks up user-visible text in the nb/en catalogs and picks a language for a request.
import { catalogs, defaultLocale, locales, type Locale, type MessageKey } from '../../../templates/messages/index.js';

export { defaultLocale, locales };
export type { Locale, MessageKey };
export type Vars = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Fills {{name}} placeholders; a placeholder without a value is a bug, so it throws. */
export function interpolate(text: string, vars: Vars = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`missing value for {{${name}}}`);
    return String(value);
  });
}

export function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  return interpolate(catalogs[locale][key], vars);
}

const pluralRules = Object.fromEntries(locales.map((l) => [l, new Intl.PluralRules(catalogs[l]['lang.tag'])])) as Record<Locale, Intl.PluralRules>;

/** Picks `<base>.one` or `<base>.other` by the count's plural form in the language. */
export function tPlural(locale: Locale, base: string, count: number, vars: Vars = {}): string {
  const form = pluralRules[locale].select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${base}.${form}` as MessageKey, vars);
}

export function catalog(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogs[locale];
}

/** The language whose `lang.accept` names a tag's primary subtag ("no" and "nn" pick bokmål), by rank; otherwise English. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0] ?? '';
    const chosen = locales.find((l) => catalogs[l]['lang.accept'].split(' ').includes(primary));
    if (chosen) return chosen;
  }
  return defaultLocale;
}
