// Reads the measurable parts of a goal written in bokmål or English: how many, how often, for how long.
// The count is the goal's number, not the first number: an age ("Jeg er 34 år og …"), a list label ("Goal
// 2:"), a duration ("45 minutes, twice a week"), the horizon's own number ("for 8 weeks") are passed over;
// "twice", "tre ganger", "a dozen", "hundre", "12,000" and "12 000" are read. Conventions and examples are in
// test/fixtures/goals/README.md. The text is cut to MAX_GOAL_CHARS before any pattern runs.
import { scanNumbers, type Mention } from '../replies/number-mentions.js';
import { SCANDINAVIAN, VAGUE } from '../replies/number-words.js';
import { words } from '../replies/tokens.js';
import { findCadence, type Cadence } from './cadence.js';
import { findHorizon, type Found } from './horizons.js';

export type { Cadence } from './cadence.js';
export type { Found } from './horizons.js';

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

/** A goal is a sentence or two; what is read of it is capped (the sign-up form allows 500 characters). */
export const MAX_GOAL_CHARS = 500;
const WEEKS_PER_MONTH = 4.33;
/** "Walk 8000 steps a day" is a goal; a week's answer stops at 1000. */
const MAX_GOAL_COUNT = 100_000;

/** Units that count occasions when a week or month follows ("4 dager i uka", "5 nights a week"). */
const OCCASIONS = /(?<![\p{L}])(dager|days|nights|netter|kvelder|evenings|mornings|morgener)\s+(?:a|per|pr\.?|i|om|each|every|hver)\s+(?:week|uke|uka|uken|month|måned|måneden)(?![\p{L}])/iu;
const TIMES = new Set(['times', 'ganger', 'gang', 'x']);
const VAGUE_WORDS = new Set(VAGUE.flatMap((v) => v.words));

/** Blanks a span, keeping every other position. */
export function blank(text: string, at: Found | undefined): string {
  return at ? text.slice(0, at.index) + ' '.repeat(at.length) + text.slice(at.index + at.length) : text;
}

function isAge(text: string, m: Mention): boolean {
  const before = text.slice(Math.max(0, m.index - 12), m.index).toLowerCase();
  return /(i am|i'm|jeg er|age|alder)\s*$/.test(before);
}

/** The goal's count among the numbers of its text. */
function countOf(text: string, mentions: Mention[]): Mention | undefined {
  // "at least 2 of them every week": in a goal, "of them" names whom, not a part of an earlier count.
  const counted = mentions.filter((m) => (!m.skip || m.skip === 'partitive') && !m.negated && !isAge(text, m));
  const strong = counted.filter((m) => !m.weak);
  // "each of my 6 reports", "hver av mine 6": the number the goal multiplies by.
  const each = strong.find((m) => /(each of (my|the|our)|hver av (mine|de|våre))\s*$/i.test(text.slice(Math.max(0, m.index - 20), m.index)));
  if (each) return each;
  // "five times a week", "tre ganger i uka", "twice": the number the cadence counts.
  const times = strong.find((m) => TIMES.has(m.follower ?? '') || /^(once|twice|thrice)$/i.test(text.slice(m.index, m.index + m.length)));
  if (times) return times;
  if (strong.length) return strong[0];
  return counted.find((m) => m.weak);
}

function vague(text: string): boolean {
  const lower = ` ${words(text).join(' ')} `;
  for (const phrase of VAGUE_WORDS) if (lower.includes(` ${phrase} `)) return true;
  return false;
}

export function readGoal(text: string, start: Date = new Date()): GoalReading {
  const input = text.slice(0, MAX_GOAL_CHARS);
  const horizon = findHorizon(input, start);
  const cadenceFound = findCadence(blank(input, horizon?.at));
  const occasions = OCCASIONS.exec(input);
  const norwegian = /[æøå]/i.test(input) || words(input).some((w) => SCANDINAVIAN.has(w));
  // The horizon's own number ("for six weeks") and the cadence's ("a week") are not the count.
  const { mentions } = scanNumbers(blank(blank(input, horizon?.at), cadenceFound?.at), {
    max: MAX_GOAL_COUNT,
    norwegian,
    ...(occasions ? { goalUnits: new Set([occasions[1]!.toLowerCase()]) } : {}),
  });
  // "et par nye kunder", "a couple of CFOs": vague, so an article in it is no count.
  const definite = mentions.some((m) => (!m.skip || m.skip === 'partitive') && !m.weak);
  let found = vague(input) && !definite ? undefined : countOf(input, mentions);
  let count: number | null = found ? found.value : null;
  // "every Saturday", "hver kveld": one occasion per period when no number says otherwise.
  if (count === null && cadenceFound?.occasion) {
    count = 1;
    found = undefined;
  }
  let cadence: Cadence | null = cadenceFound?.cadence ?? null;
  if (!cadence && count !== null && horizon) cadence = 'total';
  return {
    count,
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
