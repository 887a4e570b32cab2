// The goal analysis: what a goal says (how many, how often, for how long, about whom), what a strong
// goal has and this one lacks, and the goal said back as one commitment sentence in its own language.
// Deterministic and local: no network, no model.
import { isLocale, locales, t, type Locale } from '../i18n/messages.js';
import { goalLanguage } from './language.js';
import { readAudience } from './audience.js';
import { MAX_GOAL_CHARS, readGoal, type Cadence, type GoalReading } from './goal-reader.js';

export const goalParts = ['count', 'cadence', 'horizon', 'audience'] as const;
export type GoalPart = (typeof goalParts)[number];

export interface GoalAnalysis {
  language: Locale;
  count: number | null;
  cadence: Cadence | null;
  horizonWeeks: number | null;
  audience: string | null;
  missing: GoalPart[];
  commitment: string;
}

const LEAD_IN = /^\s*(jeg skal|jeg vil|jeg ønsker å|mitt mål er å|målet mitt er å|målet er å|mål:|i will|i want to|i'm going to|i am going to|i'll|my goal is to|goal:)\s+/iu;

// Built once: an Intl formatter costs far more to make than to use.
const DAY_MONTH = Object.fromEntries(
  locales.map((l) => [l, new Intl.DateTimeFormat(t(l, 'lang.tag'), { day: 'numeric', month: 'long', timeZone: 'UTC' })]),
) as Record<Locale, Intl.DateTimeFormat>;

function endDate(start: Date, weeks: number, locale: Locale): string {
  return DAY_MONTH[locale].format(new Date(start.getTime() + weeks * 7 * 86400_000));
}

/** The goal said back: "Jeg skal … hver uke frem til 31. mars." / "I will … every week until 31 March." */
export function commitmentSentence(text: string, reading: GoalReading, language: Locale, start: Date): string {
  // Work on the spans as read: the horizon phrase gives way to an end date, the cadence to a plain phrase.
  const spans = [
    ...(reading.horizonAt ? [{ at: reading.horizonAt, with: '' }] : []),
    ...(reading.cadenceAt && reading.cadence && reading.cadence !== 'total'
      ? [{ at: reading.cadenceAt, with: t(language, `coach.cadence.${reading.cadence}`) }]
      : []),
  ].sort((a, b) => b.at.index - a.at.index);
  let core = text;
  for (const { at, with: replacement } of spans) {
    if (at.index + at.length <= core.length) core = core.slice(0, at.index) + replacement + core.slice(at.index + at.length);
  }
  core = core.trim().replace(LEAD_IN, '');
  // Clean up what removing the horizon left: a dangling "i løpet av", doubled spaces, trailing commas.
  core = core.replace(/\s+(i løpet av|i|for|in|over|hele|during|within|until|by|frem til|innen|til)\s*$/iu, '').replace(/\s{2,}/g, ' ').replace(/[\s,.;:!]+$/u, '').trim();
  if (/^\p{Lu}\p{Ll}/u.test(core)) core = core[0]!.toLowerCase() + core.slice(1);
  const weeks = reading.horizonWeeks;
  const until = weeks === null ? '' : t(language, 'coach.commitment.until', { date: endDate(start, weeks, language) });
  return t(language, 'coach.commitment.sentence', { core, until });
}

export function analyzeGoal(whole: string, options: { language?: string | undefined; start?: Date } = {}): GoalAnalysis {
  // A goal is read from its first MAX_GOAL_CHARS, as the form takes it: any text costs the same to read.
  const text = whole.slice(0, MAX_GOAL_CHARS);
  const start = options.start ?? new Date();
  const language: Locale = isLocale(options.language) ? options.language : goalLanguage(text);
  const reading = readGoal(text, start);
  const { count, cadence, horizonWeeks } = reading;
  const audience = readAudience(text, reading.countAt);
  const missing = goalParts.filter((part) =>
    part === 'count' ? count === null : part === 'cadence' ? cadence === null : part === 'horizon' ? horizonWeeks === null : audience === null,
  );
  return { language, count, cadence, horizonWeeks, audience, missing, commitment: commitmentSentence(text, reading, language, start) };
}

/** A confirmed goal's commitment: its own words, its cadence, and its real end (confirmation + its weeks). */
export function goalCommitment(goal: { text: string; locale: Locale; weeks: number }, start: Date): string {
  const reading = readGoal(goal.text, start);
  return commitmentSentence(goal.text, { ...reading, horizonWeeks: goal.weeks }, goal.locale, start);
}
