// Who or where a goal is about, when the text says so specifically: a role, field, place, technology or
// channel ("beslutningstakere innenfor økonomi", "Go developers", "på LinkedIn"). Generic words alone —
// customers, people, contacts, meetings — are not an audience: they are what the coaching asks to sharpen.
import { readGoal } from './goal-reader.js';

const L = '\\p{L}';
// Bokmål roles join compounds ("økonomidirektører", "HR-ledere"); English ones stand as words; acronyms exactly.
const ROLE_NB = /(?<![\p{L}])[\p{L}-]*(direktør|direkör|leder|sjef|beslutningstaker|kandidat|utvikler|rekrutterer|investor|gründer|journalist|ingeniør|konsulent|arkitekt|innkjøper|ansvarlig|regnskapsfører|revisor|sykepleier|advokat|lærer)[\p{L}]*(?![\p{L}])/iu;
const ROLE_EN = /(?<![\p{L}])(directors?|managers?|leaders?|decision[- ]makers?|candidates?|developers?|engineers?|recruiters?|investors?|founders?|architects?|designers?|buyers?|head of \p{L}+|partners?|journalists?|accountants?|nurses?|doctors?|teachers?|lawyers?|auditors?|(?:sales )?reps|salespeople)(?![\p{L}])/iu;
const ACRONYM = /(?<![\p{L}])(CFOs?|CTOs?|CEOs?|CIOs?|HR|VPs?|IT)(?![\p{L}])/u;

function roleAt(text: string): RegExpExecArray | null {
  return ROLE_NB.exec(text) ?? ROLE_EN.exec(text) ?? ACRONYM.exec(text);
}

const QUALIFIER = new RegExp(
  `(?<![${L}])(?:(?:innen|innenfor|fra|via|gjennom|within|from|through)\\s+[${L}]|på linkedin|på (?:[${L}]+ ){0,3}meetups?|` +
    `(?:i|innen|in|within)\\s+[${L}]*(?:sektoren|bransjen|næringen|sector|industry)|on linkedin|at (?:[${L}]+ ){0,3}meetups?|in the .{3,30} (?:industry|sector|field))`,
  'iu',
);
const PLACE_OR_TECH = /(?<![\p{L}])(i|in|på|at)\s+[\p{Lu}][\p{L}+#.-]+/u;
const INNER_CAPITAL = /\s[\p{Lu}][\p{L}+#-]{1,}/u;
const LEADING = /^(?:minst|at least|minimum|om lag|cirka|ca\.?|about|nye|new|flere|more|andre|other|slike|such)\s+/iu;

/** The words after the count, up to the first cadence, horizon or clause break. */
function phraseAfterCount(text: string, found: { index: number; length: number } | undefined): string | undefined {
  if (!found) return undefined;
  let rest = text.slice(found.index + found.length);
  const stop = rest.search(/[,.;:!?]|\s(?:hver|per|pr\.?|i uka|i uken|ukentlig|daglig|om dagen|om uka|every|each|a week|a day|a month|weekly|daily|monthly|i løpet|frem til|innen \d|by|until|for \w+ (?:weeks?|months?)|i \w+ (?:uker|måneder)|neste|next|this|dette|hele|ut)(?![\p{L}])/iu);
  if (stop >= 0) rest = rest.slice(0, stop);
  let phrase = rest.trim();
  while (LEADING.test(phrase)) phrase = phrase.replace(LEADING, '');
  return phrase.split(/\s+/).slice(0, 8).join(' ') || undefined;
}

function isSpecific(phrase: string): boolean {
  return roleAt(phrase) !== null || QUALIFIER.test(phrase) || PLACE_OR_TECH.test(phrase) || INNER_CAPITAL.test(` ${phrase.split(/\s+/).slice(1).join(' ')}`) || /-(utviklere|ledere|direktører|ansvarlige|kunder)/iu.test(phrase);
}

/** `countAt`: where the goal's count stands, when the caller has read it already. */
export function readAudience(text: string, countAt: { index: number; length: number } | undefined = readGoal(text).countAt): string | null {
  const afterCount = phraseAfterCount(text, countAt);
  if (afterCount && isSpecific(afterCount)) return afterCount;
  // No count, or a generic object after it: is there a specific group anywhere in the text?
  const at = roleAt(text) ?? QUALIFIER.exec(text) ?? PLACE_OR_TECH.exec(text);
  if (!at) return null;
  const from = text.lastIndexOf(' ', at.index) + 1;
  return text.slice(from, from + 60).split(/[,.;]/)[0]!.trim();
}
