import { describe, expect, it } from 'vitest';
import { catalog, localeFromAcceptLanguage, t, tPlural } from '../../functions/core/i18n/messages.js';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have the same keys in bokmål and English', () => {
    expect(Object.keys(catalog('nb')).sort()).toEqual(Object.keys(catalog('en')).sort());
  });

  it('use the same placeholders for a key in both languages, and no empty texts', () => {
    for (const [key, english] of Object.entries(catalog('en'))) {
      const norwegian = catalog('nb')[key as keyof ReturnType<typeof catalog>];
      expect(placeholders(norwegian), key).toEqual(placeholders(english));
      expect(english.trim(), key).not.toBe('');
      expect(norwegian.trim(), key).not.toBe('');
    }
  });

  it('fills placeholders and refuses to render one without a value', () => {
    expect(t('nb', 'goal.target.value', { perWeek: 2, weeks: 13 })).toBe('2 per uke i 13 uker');
    expect(() => t('en', 'goal.target.value', { perWeek: 2 })).toThrow(/weeks/);
  });

  it('picks the plural form of the language', () => {
    expect(tPlural('en', 'goal.streak.value', 1, { streak: 1 })).toBe('1 week on target in a row');
    expect(tPlural('en', 'goal.streak.value', 0, { streak: 0 })).toBe('0 weeks on target in a row');
    expect(tPlural('nb', 'goal.streak.value', 1, { streak: 1 })).toBe('1 uke på rad med ukemålet nådd');
    expect(tPlural('nb', 'goal.streak.value', 3, { streak: 3 })).toBe('3 uker på rad med ukemålet nådd');
  });

  it.each([
    [undefined, 'en'],
    ['nb-NO,nb;q=0.9,en;q=0.8', 'nb'],
    ['no', 'nb'],
    ['nn-NO', 'nb'],
    ['en-US,en;q=0.9,nb;q=0.8', 'en'],
    ['de-DE,nb;q=0.5', 'nb'],
    ['en;q=0.4,nb;q=0.6', 'nb'],
    ['fr', 'en'],
    ['nb;q=0', 'en'],
  ])('picks %s → %s from Accept-Language', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
