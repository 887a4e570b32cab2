// Which language a goal is written in, by its everyday words; æ, ø and å only break a tie, since
// English goals name Norwegian places ("accountants in Bodø").
import type { Locale } from '../i18n/messages.js';

const NB = new Set(
  'og i på med til hver uke uka uken uker nye ny flere mer mitt min mine skal jeg å dag dagen måned måneden kvartal kvartalet kunder folk møte møter trene skrive selge treffe bygge finne rekruttere gå løpe skaffe få minst dette neste ganger gang daglig ukentlig månedlig innen innenfor om av for et en ett nettverket nettverk via bli kjent ord skritt'.split(
    ' ',
  ),
);
const EN = new Set(
  'the to a at in for every per with new people and of my more week weeks day days month months customers meet call hire write attend get make talk connect recruit this next quarter year least each weekly daily monthly by until through from on about run read'.split(
    ' ',
  ),
);

export function goalLanguage(text: string): Locale {
  let nb = 0;
  let en = 0;
  for (const word of text.toLowerCase().split(/[^\p{L}]+/u)) {
    if (NB.has(word)) nb++;
    if (EN.has(word)) en++;
  }
  if (nb !== en) return nb > en ? 'nb' : 'en';
  return /[æøå]/i.test(text) ? 'nb' : 'en';
}

/** The languages the goal reader and coaching know; a goal in any other language of the catalogs is read as English. */
export const readingLanguages = ['nb', 'en'] as const;
export type ReadingLanguage = (typeof readingLanguages)[number];

export function readingLanguage(locale: string): ReadingLanguage {
  return (readingLanguages as readonly string[]).includes(locale) ? (locale as ReadingLanguage) : 'en';
}
