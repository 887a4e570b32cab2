// Reads the measurable parts of a goal written in bokmål or English: how many, how often, for how long.
// (The coaching issue grows this into the full goal analysis.)
import { readCount } from '../replies/count.js';

export type Cadence = 'day' | 'week' | 'month' | 'total';

export interface GoalStructure {
  count: number | null;
  cadence: Cadence | null;
  horizonWeeks: number | null;
}

const WEEKS_PER_MONTH = 4.33;
const NUMBER = '(\\d{1,2}|en|ett|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';

const CADENCES: [Cadence, RegExp][] = [
  ['week', /\b(ukentlig|per uke|pr\.? uke|i uka|i uken|hver uke|om uka|weekly|a week|per week|each week|every week)\b/i],
  ['day', /\b(daglig|om dagen|per dag|hver dag|daily|a day|per day|every day|each day)\b/i],
  ['month', /\b(månedlig|hver måned|per måned|i måneden|monthly|a month|per month|every month|each month)\b/i],
];

function numberValue(word: string): number {
  return readCount(word, 'nb')?.count ?? readCount(word)?.count ?? Number(word);
}

export function readHorizonWeeks(text: string): number | null {
  const t = text.toLowerCase();
  if (/(neste|dette|hele|ut)\s+kvartal|(this|next|the)\s+quarter|\bkvartalet\b|\ba quarter\b/.test(t)) return 13;
  if (/(et|ett)\s+halvt\s+år|half a year|six months|seks måneder/.test(t)) return 26;
  const weeks = new RegExp(`\\b(?:i|for|in|neste|next)\\s+${NUMBER}\\s+(?:uker|uke|weeks?)\\b`, 'i').exec(t);
  if (weeks) return numberValue(weeks[1]!);
  const months = new RegExp(`\\b(?:i|for|in|neste|next)\\s+${NUMBER}\\s+(?:måneder|måned|months?)\\b`, 'i').exec(t);
  if (months) return Math.round(numberValue(months[1]!) * WEEKS_PER_MONTH);
  return null;
}

export function readGoal(text: string): GoalStructure {
  // The horizon's own number ("for six weeks") is not the count.
  const horizonWords = text.replace(new RegExp(`\\b(?:i|for|in|neste|next)\\s+${NUMBER}\\s+(?:uker|uke|weeks?|måneder|måned|months?)\\b`, 'gi'), (m) => ' '.repeat(m.length));
  const count = readCount(horizonWords)?.count ?? null;
  const horizonWeeks = readHorizonWeeks(text);
  let cadence: Cadence | null = CADENCES.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
  if (!cadence && count !== null && horizonWeeks !== null) cadence = 'total';
  return { count, cadence, horizonWeeks };
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
