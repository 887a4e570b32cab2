// Reads the measurable parts of a goal written in bokmål or English: how many, how often, for how long.
// Each pattern is compiled once; reading a goal is a handful of regex passes (tens of thousands a second).
import { readCount } from '../replies/count.js';

export type Cadence = 'day' | 'week' | 'month' | 'total';

export interface GoalStructure {
  count: number | null;
  cadence: Cadence | null;
  horizonWeeks: number | null;
}

/** The structure and where in the text each part was read, for the commitment sentence and the audience. */
export interface GoalReading extends GoalStructure {
  countAt?: Found;
  cadenceAt?: Found;
  horizonAt?: Found;
}

const WEEKS_PER_MONTH = 4.33;
/** "Walk 8000 steps a day" is a goal; a week's answer stops at 1000. */
const MAX_GOAL_COUNT = 100_000;
const NUMBER =
  '(\\d{1,2}|en|ett|én|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';

export const CADENCE_PATTERNS: [Exclude<Cadence, 'total'>, RegExp][] = [
  ['week', new RegExp(`${B}(ukentlig|per uke|pr\\.? uke|i uka|i uken|hver uke|om uka|om uken|weekly|a week|per week|each week|every week)${E}`, 'iu')],
  ['day', new RegExp(`${B}(daglig|om dagen|per dag|pr\\.? dag|hver dag|daily|a day|per day|every day|each day)${E}`, 'iu')],
  ['month', new RegExp(`${B}(månedlig|hver måned|per måned|pr\\.? måned|i måneden|monthly|a month|per month|every month|each month)${E}`, 'iu')],
];

/** Horizon phrases, with how many weeks they mean (a function for "to the end of the year"). */
const HORIZONS: [RegExp, (match: RegExpExecArray, start: Date) => number][] = [
  [new RegExp(`${B}(?:i|for|in|over|neste|next|de neste|the next)\\s+${NUMBER}\\s+(?:uker|uke|weeks?)${E}`, 'iu'), (m) => numberValue(m[1]!)],
  [
    new RegExp(`${B}(?:i|for|in|over|neste|next|de neste|the next)\\s+${NUMBER}\\s+(?:måneder|måned|months?)${E}`, 'iu'),
    (m) => Math.round(numberValue(m[1]!) * WEEKS_PER_MONTH),
  ],
  [
    new RegExp(`${B}(?:hele\\s+)?(?:neste|dette|ut|i løpet av|resten av)\\s+kvartal(?:et)?${E}|${B}(?:this|next|a|the|the rest of the)\\s+quarter${E}|${B}kvartalet${E}`, 'iu'),
    () => 13,
  ],
  [new RegExp(`${B}(?:et|ett)\\s+halvt\\s+år${E}|${B}halvåret${E}|${B}half a year${E}|${B}six months${E}|${B}seks måneder${E}`, 'iu'), () => 26],
  [
    new RegExp(`${B}(?:ut|resten av)\\s+året${E}|${B}(?:the rest of|the end of|by the end of)\\s+(?:the|this)\\s+year${E}|${B}by year[- ]end${E}`, 'iu'),
    (_, start) => {
      const end = Date.UTC(start.getUTCFullYear(), 11, 31);
      const days = Math.round((end - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate())) / 86400_000);
      return Math.max(1, Math.ceil(days / 7));
    },
  ],
];

function numberValue(word: string): number {
  return readCount(word, 'nb')?.count ?? readCount(word)?.count ?? Number(word);
}

export interface Found {
  index: number;
  length: number;
}

export function findHorizon(text: string, start: Date): { weeks: number; at: Found } | undefined {
  for (const [pattern, weeks] of HORIZONS) {
    const m = pattern.exec(text);
    if (m) return { weeks: weeks(m, start), at: { index: m.index, length: m[0].length } };
  }
  return undefined;
}

export function findCadence(text: string): { cadence: Exclude<Cadence, 'total'>; at: Found } | undefined {
  let best: { cadence: Exclude<Cadence, 'total'>; at: Found } | undefined;
  for (const [cadence, pattern] of CADENCE_PATTERNS) {
    const m = pattern.exec(text);
    if (m && (!best || m.index < best.at.index)) best = { cadence, at: { index: m.index, length: m[0].length } };
  }
  return best;
}

/** Blanks a span, keeping every other position. */
export function blank(text: string, at: Found | undefined): string {
  return at ? text.slice(0, at.index) + ' '.repeat(at.length) + text.slice(at.index + at.length) : text;
}

export function readGoal(text: string, start: Date = new Date()): GoalReading {
  const horizon = findHorizon(text, start);
  // The horizon's own number ("for six weeks") is not the count.
  const found = readCount(blank(text, horizon?.at), undefined, MAX_GOAL_COUNT);
  const cadenceFound = findCadence(text);
  let cadence: Cadence | null = cadenceFound?.cadence ?? null;
  if (!cadence && found && horizon) cadence = 'total';
  return {
    count: found?.count ?? null,
    cadence,
    horizonWeeks: horizon?.weeks ?? null,
    ...(found ? { countAt: { index: found.index, length: found.length } } : {}),
    ...(cadenceFound ? { cadenceAt: cadenceFound.at } : {}),
    ...(horizon ? { horizonAt: horizon.at } : {}),
  };
}

/** The weekly target a structure implies: per week as written, or spread over the weeks. */
export function weeklyTarget(structure: GoalStructure, weeks: number): number | null {
  const { count, cadence } = structure;
  if (count === null) return null;
  switch (cadence) {
    case 'day':
      return count * 5;
    case 'month':
      return Math.max(1, Math.ceil(count / WEEKS_PER_MONTH));
    case 'total':
      return Math.max(1, Math.ceil(count / weeks));
    default:
      return count;
  }
}
