// "plan: tor 08 kaffe med 2 CFO-er" / "Plan: Thu 8am coffee with 2 CFOs": the owner's one move for next
// week, on a line of its own that starts with "plan:". The day (nb/en names and their short forms) and the
// hour ("08", "8:30", "kl. 8", "8am", "2 pm") are read from the start of the line; the rest is what to do.
// The line is taken out of the text before the week's number is read, so its numbers are never the count.
import type { Weekday } from '../schedule/checkins.js';
import { wordTable } from './word-table.js';

export interface PlanReading {
  text: string;
  weekday?: Weekday;
  hour?: number;
  minute?: number;
}

const PLAN_LINE = /^[ \t>]*(?:plan|planen|my plan|min plan)[ \t]*:[ \t]*(\S[^\n]*)$/im;
const MAX_PLAN_CHARS = 200;
/** Plans are read from the first lines of the new text only, like commands. */
const MAX_PLAN_SCAN = 800;

const DAYS = wordTable<Weekday>();
for (const [day, names] of [
  [1, ['man', 'mandag', 'mon', 'monday']],
  [2, ['tir', 'tirs', 'tirsdag', 'tue', 'tues', 'tuesday']],
  [3, ['ons', 'onsdag', 'wed', 'wednesday']],
  [4, ['tor', 'tors', 'torsdag', 'thu', 'thur', 'thurs', 'thursday']],
  [5, ['fre', 'fredag', 'fri', 'friday']],
  [6, ['lør', 'lørdag', 'lor', 'lordag', 'sat', 'saturday']],
  [7, ['søn', 'søndag', 'son', 'sondag', 'sun', 'sunday']],
] as const) for (const name of names) DAYS[name] = day;

// The day, then the time: "tor 08", "torsdag kl. 8.30", "Thu at 8am", "on Friday 14:00".
const HEAD = /^(?:(?:på|on)\s+)?([a-zæøå]+)\.?,?\s+(?:(?:kl\.?|klokka|klokken|at|@)\s*)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?(?=\s|$|[,.:;!-])[\s,.:;!-]*/i;

/** The plan line of a reply's new text, and the text without it. */
export function findPlan(text: string): { plan: PlanReading; rest: string } | undefined {
  const head = text.slice(0, MAX_PLAN_SCAN);
  const match = PLAN_LINE.exec(head);
  if (!match) return undefined;
  const rest = text.slice(0, match.index) + text.slice(match.index + match[0].length);
  return { plan: readPlan(match[1]!), rest };
}

/** Day and hour from the start of a plan, when both are there and make sense; the words either way. */
export function readPlan(line: string): PlanReading {
  const words = line.trim().slice(0, MAX_PLAN_CHARS);
  const m = HEAD.exec(words);
  const weekday = m ? DAYS[m[1]!.toLowerCase()] : undefined;
  if (!m || weekday === undefined) return { text: words };
  let hour = Number(m[2]);
  const minute = m[3] === undefined ? 0 : Number(m[3]);
  const half = m[4]?.toLowerCase();
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return { text: words };
  const what = words.slice(m[0].length).trim();
  return { text: what || words, weekday, hour, minute };
}
