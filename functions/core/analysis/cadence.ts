// How often a goal asks for its count: per day, week or month. Weekday names ("every Saturday", "hver
// fredag", "on Mondays") are weekly; times of day ("every morning", "hver kveld", "every weekday") are daily,
// and name one occasion each. Names and titles that hold a cadence word are not cadences: "daglig leder", a
// newsletter called "Sales Weekly", "Monthly Retail Review" in quotes. "Annenhver uke", "every other week"
// are none of the three.
import type { Found } from './horizons.js';

export type Cadence = 'day' | 'week' | 'month' | 'total';
export type Rhythm = Exclude<Cadence, 'total'>;

const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';
const WEEKDAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)';
const WEEKDAYS =
  '(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|mandager|tirsdager|onsdager|torsdager|fredager|lørdager|søndager)';
const TIME_OF_DAY = '(?:morning|evening|night|afternoon|weekday|workday|morgen|kveld|ettermiddag|formiddag|ukedag|arbeidsdag|natt)';

/** Each pattern with its cadence; `occasion`: the phrase names one occasion per period (a count of 1 if none is given). */
const PATTERNS: { cadence: Rhythm; pattern: RegExp; occasion?: boolean }[] = [
  { cadence: 'week', pattern: new RegExp(`${B}(?:ukentlig|per\\s+uke|pr\\.?\\s+uke|i\\s+uka|i\\s+uken|hver\\s+uke|om\\s+uka|om\\s+uken|weekly|a\\s+week|per\\s+week|each\\s+week|every\\s+week|in\\s+a\\s+week|a\\s+wk|/\\s*week|/\\s*uke)${E}`, 'iu') },
  { cadence: 'week', pattern: new RegExp(`${B}(?:every|each|hver|on|på)\\s+${WEEKDAY}${E}|${B}(?:on\\s+|på\\s+)?${WEEKDAYS}${E}`, 'iu'), occasion: true },
  { cadence: 'day', pattern: new RegExp(`${B}(?:daglig|om\\s+dagen|per\\s+dag|pr\\.?\\s+dag|hver\\s+dag|daily|a\\s+day|per\\s+day|every\\s+day|each\\s+day|a\\s+night|per\\s+night|nightly|/\\s*day|/\\s*dag)${E}`, 'iu') },
  { cadence: 'day', pattern: new RegExp(`${B}(?:every|each|hver|om)\\s+${TIME_OF_DAY}(?:en|s)?${E}`, 'iu'), occasion: true },
  { cadence: 'month', pattern: new RegExp(`${B}(?:månedlig|hver\\s+måned|per\\s+måned|pr\\.?\\s+måned|i\\s+måneden|om\\s+måneden|monthly|a\\s+month|per\\s+month|every\\s+month|each\\s+month)${E}`, 'iu') },
];

/** A cadence word that is part of a name: capitalized after another capitalized word, or inside quotes. */
function isName(text: string, at: Found): boolean {
  const word = text.slice(at.index, at.index + at.length);
  if (/^daglig\s+leder/i.test(text.slice(at.index, at.index + 14))) return true;
  const before = text.slice(Math.max(0, at.index - 40), at.index);
  const quotes = (before.match(/["“”«»]/g) ?? []).length;
  if (quotes % 2 === 1) return true;
  // "the Sales Weekly newsletter": a capitalized cadence adjective right after another capitalized word (not
  // in a text written in capitals).
  if (text === text.toUpperCase() || !/^(weekly|monthly|daily|nightly|ukentlig|månedlig|daglig)$/i.test(word)) return false;
  return /^\p{Lu}\p{Ll}/u.test(word) && /\p{Lu}[\p{L}]*\s+$/u.test(before) && !/^[\s]*$/.test(before);
}

export interface CadenceFound {
  cadence: Rhythm;
  at: Found;
  occasion: boolean;
}

export function findCadence(text: string): CadenceFound | undefined {
  let best: CadenceFound | undefined;
  for (const { cadence, pattern, occasion } of PATTERNS) {
    const global = new RegExp(pattern.source, 'giu');
    for (const m of text.matchAll(global)) {
      const at = { index: m.index, length: m[0].length };
      if (isName(text, at)) continue;
      // "annenhver uke", "every other week": a rhythm of its own, none of these.
      if (/(annenhver|every\s+other|hver\s+annen|bi-?)\s*$/iu.test(text.slice(Math.max(0, m.index - 14), m.index))) continue;
      if (!best || at.index < best.at.index) best = { cadence, at, occasion: occasion === true };
      break;
    }
  }
  return best;
}
