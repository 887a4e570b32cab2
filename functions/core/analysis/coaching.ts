// What the sign-up form says back while a goal is written: what was understood, what a strong goal has
// and this one lacks, and one sharper version built from the person's own words — not a generic tip.
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { analyzeGoal, type GoalAnalysis } from './analyze.js';
import { weeklyTarget } from './goal-reader.js';

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

/** The person's goal with what it lacks filled in — a number, "every week", "this quarter", a who — said as a commitment. */
function sharper(text: string, a: GoalAnalysis, locale: Locale, start: Date): string {
  let words = text.trim().replace(/[.!]+$/, '');
  if (a.count === null) {
    // After the verb, the first word: "treffe nye kunder" → "treffe minst 2 nye kunder".
    words = words.replace(/^(\S+)/, `$1 ${locale === 'nb' ? 'minst 2' : 'at least 2'}`);
  }
  if (!a.audience) words += ` ${t(locale, 'coach.audienceHint')}`;
  if (a.cadence === null) words += locale === 'nb' ? ' hver uke' : ' every week';
  if (a.horizonWeeks === null) words += locale === 'nb' ? ' neste kvartal' : ' next quarter';
  return analyzeGoal(words, { language: locale, start }).commitment;
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
    missing: analysis.missing.map((part) => t(locale, `coach.missing.${part}`)),
    example: complete || !text.trim() ? null : sharper(text, analysis, locale, start),
    complete,
    mismatch,
    perWeek,
    weeks: weeks === null ? null : Math.min(52, Math.max(1, weeks)),
  };
}
