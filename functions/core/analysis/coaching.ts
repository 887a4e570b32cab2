// What the sign-up form says back while a goal is written: what was understood, what a strong goal has
// and this one lacks, and one sharper version built from the person's own words — not a generic tip.
import { findHorizon } from './horizons.js';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { analyzeGoal, type GoalAnalysis } from './analyze.js';
import { weeklyTarget } from './goal-reader.js';
import { readingLanguage, type ReadingLanguage } from './language.js';

export interface Coaching {
  analysis: GoalAnalysis;
  understood: string;
  missing: string[];
  example: string | null;
  complete: boolean;
  mismatch: string | null;
  /** What the form's empty number fields may be filled with. */
  perWeek: number | null;
  weeks: number | null;
}

const DEFAULT_WEEKS = 13;

function understoodText(a: GoalAnalysis, locale: Locale): string {
  const parts: string[] = [];
  if (a.count !== null) {
    const key: MessageKey = a.cadence === 'week' ? 'coach.perWeek' : a.cadence === 'day' ? 'coach.perDay' : a.cadence === 'month' ? 'coach.perMonth' : a.cadence === 'total' ? 'coach.total' : 'coach.count';
    parts.push(t(locale, key, { count: a.count }));
  }
  if (a.horizonWeeks !== null) parts.push(t(locale, 'coach.weeks', { weeks: a.horizonWeeks }));
  if (a.audience) parts.push(t(locale, 'coach.audience', { audience: a.audience }));
  return parts.length ? parts.join(', ') : t(locale, 'coach.nothing');
}

// What the sharper sentence may add, in the goal's language. No "who" is suggested: Kompis cannot know
// the person's field, and a stock audience ("finance leaders in Oslo") under a running goal reads as
// nonsense. The missing-parts list asks for the who instead.
const ADD: Record<ReadingLanguage, Record<'count' | 'fresh' | 'cadence' | 'horizon', string>> = {
  nb: { count: 'minst 2', fresh: 'nye', cadence: 'hver uke', horizon: 'neste kvartal' },
  en: { count: 'at least 2', fresh: 'new', cadence: 'every week', horizon: 'next quarter' },
};
const MORE = /^(flere|more)$/i;
const FRESH = /^(nye|new)$/i;
// Particles and prepositions between the verb and what it counts: "snakke med", "bli kjent med", "reach out to".
const BRIDGE = /^(med|på|til|for|opp|kjent|kontakt|out|to|with|at|up|know|introduced|touch)$/i;
const NOT_PLURAL = /^(etter|over|under|eller|mer|der|her|this|his|is|was|less|across)$/i;
// An indefinite plural, the thing a count goes before: "kunder", "utviklere", "customers", "CFOs".
const PLURAL: Record<ReadingLanguage, RegExp> = { nb: /^\p{L}[\p{L}-]{2,}er$/u, en: /^\p{L}[\p{L}-]{1,}[^su]s$/u };

/**
 * "treffe nye kunder" → "treffe minst 2 nye kunder", "få flere kunder" → "få minst 2 nye kunder",
 * "snakke med utviklere" → "snakke med minst 2 utviklere". Undefined when there is no plural to count
 * ("selge mer", "bygge nettverket mitt", "network more"): better no sentence than "minst 2 mer".
 */
function withCount(words: string[], locale: Locale): string[] | undefined {
  const add = ADD[readingLanguage(locale)];
  for (let i = 1; i < Math.min(words.length, 5); i++) {
    const word = words[i]!;
    const next = words[i + 1] ?? '';
    const plural = (w: string) => PLURAL[readingLanguage(locale)].test(w) && !NOT_PLURAL.test(w);
    if (MORE.test(word) && (plural(next) || FRESH.test(next))) return [...words.slice(0, i), add.count, ...(FRESH.test(next) ? [] : [add.fresh]), ...words.slice(i + 1)];
    if (FRESH.test(word) || plural(word)) return [...words.slice(0, i), add.count, ...words.slice(i)];
    if (!BRIDGE.test(word)) return undefined;
  }
  return undefined;
}

/** Said back as a commitment a person could sign: a verb first, no leftovers of a date or a list. */
const READS_WELL = /^(Jeg skal|I will) (?!(minst|minimum|maks|at least|at most|\d|[^\s]*:))[^:]*\.$/u;

/** The person's goal with what it lacks filled in — a number, "every week", "this quarter" — said as a commitment. */
function sharper(text: string, a: GoalAnalysis, locale: Locale, start: Date): string | null {
  // Only a who is missing: the list of what a strong goal says asks for it; the sentence would add nothing.
  if (a.missing.every((part) => part === 'audience')) return null;
  const plain = text.trim().replace(/[.!]+$/, '');
  let words: string[] | undefined = (/\p{Ll}/u.test(plain) ? plain : plain.toLowerCase()).split(/\s+/);
  if (a.count === null) words = withCount(words, locale);
  if (!words) return null;
  const add = ADD[readingLanguage(locale)];
  const goal = [...words, ...(a.cadence === null ? [add.cadence] : []), ...(a.horizonWeeks === null ? [add.horizon] : [])].join(' ');
  const read = analyzeGoal(goal, { language: locale, start });
  if (read.count === null || read.cadence === null || read.horizonWeeks === null || (a.count === null && read.count !== 2)) return null;
  return READS_WELL.test(read.commitment) ? read.commitment : null;
}

export function coach(text: string, options: { language?: string | undefined; perWeek?: number | undefined; start?: Date } = {}): Coaching {
  const start = options.start ?? new Date();
  const analysis = analyzeGoal(text, { language: options.language, start });
  const locale = analysis.language;
  const weeks = analysis.horizonWeeks;
  const perWeek = weeklyTarget(analysis, weeks ?? DEFAULT_WEEKS);
  const complete = analysis.missing.length === 0;
  const mismatch =
    perWeek !== null && options.perWeek !== undefined && options.perWeek !== perWeek && (analysis.cadence === 'week' || analysis.cadence === null)
      ? t(locale, 'coach.mismatch', { text: perWeek, field: options.perWeek })
      : null;
  return {
    analysis,
    understood: understoodText(analysis, locale),
    // A period named without a date ("til sommeren", "by summer") is asked for its date, not guessed.
    missing: analysis.missing.map((part) => t(locale, part === 'horizon' && namesVaguePeriod(text, start) ? 'coach.missing.date' : `coach.missing.${part}`)),
    example: complete || !text.trim() ? null : sharper(text, analysis, locale, start),
    complete,
    mismatch,
    perWeek,
    weeks: weeks === null ? null : Math.min(52, Math.max(1, weeks)),
  };
}

/** The goal names a period but no date or length ("til sommeren", "this semester"). */
function namesVaguePeriod(text: string, start: Date): boolean {
  const horizon = findHorizon(text.slice(0, 500), start);
  return horizon !== undefined && horizon.weeks === null;
}
