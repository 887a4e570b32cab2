// Every number a text mentions, with what its neighbours say about it: a code, a time, a date, a phone
// number, a measure, a label ("uke 7"), a score ("4/2"), a range ("2-3"), negated, a correction, a total,
// a part of a day ("2 i går"). The reply's count and the goal's count are read from these mentions.
import {
  AMBIGUOUS_WORDS, APPROXIMATE, ARTICLES, AT_LEAST, BEFORE_PRONOUN_ONE, COUNT_UNITS, DAY_WORDS, FUTURE, LABELS, MONTHS,
  MORE_THAN, NEGATIONS, NUMBER_WORDS, ORDINAL_SUFFIXES, PARTITIVES, SCANDINAVIAN, TOTALS, UNITS, WEEK_WORDS, THIS_WEEK, LAST_WEEK, NEXT_WEEK, TENS, ENGLISH_UNITS, compoundNumber,
} from './number-words.js';
import { tokenize, type Token } from './tokens.js';

export interface Mention {
  value: number;
  /** Token index of the mention's first token, and the text span it covers. */
  token: number;
  index: number;
  length: number;
  /** Why it is not a count, if it is not. */
  skip?: 'code' | 'time' | 'date' | 'phone' | 'measure' | 'label' | 'year' | 'large' | 'partitive' | 'future' | 'target' | 'address';
  /** An article ("en kunde") or a weak zero: a number only when nothing else is. */
  weak?: boolean;
  negated?: boolean;
  total?: boolean;
  approx?: boolean;
  /** Said alongside a day ("2 i går", "one on Friday"): parts of the week that add up. */
  day?: string;
  /** The other end of a range ("2-3"). */
  rangeTo?: number;
  score?: boolean;
  /** A score "12/3" that may be a date instead (day ≤ 31, month ≤ 12). */
  dateLike?: boolean;
  /** The number opens the text and a mark follows it ("3 — met two", "Seks! To på …"): the answer, then the note. */
  leading?: boolean;
  /** The first word after the number that says what was counted ("kunder", "på", "meetings"). */
  follower?: string;
  /** Said for the week before ("forrige uke 2", "2 last week"): the week's answer only if no other is given. */
  lastWeek?: boolean;
}

export interface MentionContext {
  /** The text is known to be bokmål (the goal's language), so "to", "fire", "en" are numbers. */
  norwegian?: boolean | undefined;
  /** Units the goal is counted in ("km", "sider"): a number in them is a count, not a measure. */
  goalUnits?: ReadonlySet<string> | undefined;
  /** Largest number that may be a count. */
  max?: number | undefined;
}

export interface Scan {
  tokens: Token[];
  mentions: Mention[];
}

const CURRENCY_SYMBOLS = new Set(['$', '€', '£', '¥']);
const CURRENCY_WORDS = new Set(['kr', 'nok', 'usd', 'eur', 'sek', 'dkk', 'gbp']);
const DATE_PREPOSITIONS = new Set(['to', 'til', 'on', 'den', 'the', 'fra', 'from', 'by', 'innen', 'før', 'etter', 'since', 'siden', 'until', 'till', 'dato', 'date', 'datum']);
// A street: a compound name ("Kirkeveien 44", "Hauptstraße 5") or a separate street word ("22 High Street").
const STREET_COMPOUND = /\p{L}{3}(veien|vegen|gata|gaten|gate|allé|plassen|plass|torget|brygga|brygge|bakken|straße|strasse|gade|gatan|vägen|weg|platz)$/u;
const STREET_WORDS = new Set(['street', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'square', 'sq', 'way', 'drive', 'st', 'vei', 'veg', 'gate', 'gata', 'allé', 'plass', 'straße', 'strasse', 'gade']);
const TIME_WORDS = new Set(['kl', 'klokka', 'klokken', 'klockan', 'um', 'at']);

function scandinavian(tokens: Token[], text: string): boolean {
  if (/[æøåÆØÅ]/.test(text)) return true;
  let hits = 0;
  for (const t of tokens) if (t.kind === 'word' && SCANDINAVIAN.has(t.lower) && ++hits >= 1) return true;
  return false;
}

/** Tokens within the same whitespace-free chunk, and whether that chunk is a link or an address. */
function linkChunks(tokens: Token[], text: string): boolean[] {
  const masked = new Array<boolean>(tokens.length).fill(false);
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.spaced || t.kind === 'nl') {
      const chunk = text.slice(tokens[start]!.start, tokens[i - 1]!.end);
      if (chunk.includes('@') || chunk.includes('://') || chunk.toLowerCase().startsWith('www.')) masked.fill(true, start, i);
      start = i;
    }
  }
  return masked;
}

const glued = (t: Token | undefined) => t !== undefined && !t.spaced;
const isNum = (t: Token | undefined) => t?.kind === 'num';
const isWord = (t: Token | undefined, set: ReadonlySet<string>) => t?.kind === 'word' && set.has(t.lower);
const isSym = (t: Token | undefined, chars: string) => t?.kind === 'sym' && chars.includes(t.text);
const clauseEnd = (t: Token | undefined) => !t || t.kind === 'nl' || isSym(t, '.!?;,()[]—–');

/** The index of the word `n` words back within the clause (symbols other than clause ends are passed over); -1 when none. */
function indexBack(tokens: Token[], i: number, n = 1): number {
  for (let j = i - 1; j >= 0 && j >= i - 6; j--) {
    const t = tokens[j]!;
    if (t.kind === 'word' && --n === 0) return j;
    if (t.kind === 'nl' || isSym(t, '!?;()—–')) return -1;
  }
  return -1;
}

/** The index of the word `n` words ahead within the clause; -1 when none. */
function indexAhead(tokens: Token[], i: number, n = 1): number {
  for (let j = i + 1; j < tokens.length && j <= i + 6; j++) {
    const t = tokens[j]!;
    if (t.kind === 'word' && --n === 0) return j;
    if (t.kind === 'nl' || isSym(t, '.!?;()—–,')) return -1;
  }
  return -1;
}

const wordBack = (tokens: Token[], i: number, n = 1) => tokens[indexBack(tokens, i, n)];
const wordAhead = (tokens: Token[], i: number, n = 1) => tokens[indexAhead(tokens, i, n)];

/** Runs of digit groups that are one number: a phone number ("22 33 44 55") or thousands ("12 000"). */
function digitGroups(tokens: Token[], i: number): { end: number; digits: number; thousands: number | undefined } {
  let end = i;
  let digits = tokens[i]!.text.length;
  let thousands: number | undefined = tokens[i]!.text.length <= 3 ? Number(tokens[i]!.text) : undefined;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (isNum(t) && t.spaced && tokens[j - 1]!.kind === 'num') {
      digits += t.text.length;
      thousands = thousands !== undefined && t.text.length === 3 ? thousands * 1000 + Number(t.text) : undefined;
      end = j;
    } else if (isSym(t, '-.()') && isNum(tokens[j + 1]) && (t.text !== '.' || glued(tokens[j + 1])) && digits + tokens[j + 1]!.text.length >= 7) {
      // "08-123 456 78", "(0)20 7946": a separator inside a long run of digits.
      continue;
    } else if (isNum(t) && isSym(tokens[j - 1], '-.()') && j - 1 > end) {
      digits += t.text.length;
      thousands = undefined;
      end = j;
    } else break;
  }
  return { end, digits, thousands: end > i ? thousands : undefined };
}

export function scanNumbers(text: string, context: MentionContext = {}): Scan {
  const tokens = tokenize(text);
  const max = context.max ?? 1000;
  const masked = linkChunks(tokens, text);
  const words = tokens.filter((t) => t.kind === 'word' || t.kind === 'num');
  const nordic = context.norwegian === true || scandinavian(tokens, text);
  const mentions: Mention[] = [];
  const skipUntil = { index: -1 };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (i <= skipUntil.index) continue;
    let mention: Mention | undefined;
    if (t.kind === 'num') {
      mention = numberMention(tokens, i, text, context, max, masked, skipUntil);
    } else if (t.kind === 'word') {
      mention = wordMention(tokens, i, nordic, words.length === 1, skipUntil);
    }
    if (!mention) continue;
    if (!mention.skip) {
      describeContext(tokens, i, mention, context);
      describeNeighbours(tokens, mention, mentions.length === 0 && !tokens.slice(0, i).some((t) => t.kind === 'word' || t.kind === 'num'));
    }
    mentions.push(mention);
  }
  return { tokens, mentions };
}

function numberMention(
  tokens: Token[],
  i: number,
  text: string,
  context: MentionContext,
  max: number,
  masked: boolean[],
  skipUntil: { index: number },
): Mention {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  const after = tokens[i + 2];
  const m: Mention = { value: Number(t.text), token: i, index: t.start, length: t.text.length };
  const skipTo = (j: number, why: NonNullable<Mention['skip']>) => {
    skipUntil.index = j;
    m.skip = why;
    m.length = tokens[j]!.end - t.start;
    return m;
  };
  if (masked[i]) return skipTo(i, 'code');
  // Glued to letters: a code ("Q3", "2FA"), an ordinal ("3rd"), a measure ("10km"), or a count ("3x", "3stk").
  if (prev?.kind === 'word' && !t.spaced) return skipTo(i, prev.lower === 'uke' || prev.lower === 'week' ? 'label' : 'code');
  if (next?.kind === 'word' && glued(next)) {
    const suffix = next.lower;
    if (ORDINAL_SUFFIXES.has(suffix)) return skipTo(i + 1, 'label');
    if (suffix === 'ish') m.approx = true;
    else if (COUNT_UNITS.has(suffix)) m.length = next.end - t.start;
    else if (UNITS.has(suffix) && !context.goalUnits?.has(suffix)) return skipTo(i + 1, suffix === 'am' || suffix === 'pm' ? 'time' : 'measure');
    else if (!UNITS.has(suffix)) return skipTo(i + 1, 'code');
  }
  if (t.text.length > 1 && t.text.startsWith('0')) return skipTo(digitGroups(tokens, i).end, 'phone');
  const groups = digitGroups(tokens, i);
  if (groups.digits >= 7 || (isSym(prev, '+') && groups.digits >= 5)) return skipTo(groups.end, 'phone');
  if (groups.thousands !== undefined && groups.end > i) {
    m.value = groups.thousands;
    m.length = tokens[groups.end]!.end - t.start;
    skipUntil.index = groups.end;
    if (m.value > max) m.skip = 'large';
    return m;
  }
  if (t.text.length === 4 && m.value >= 1900 && m.value <= 2099) return skipTo(i, 'year');
  if (t.text.length > 6) return skipTo(i, 'large');
  // "$12,500", "kr 1.500": an amount, with every digit group glued to it.
  let chain = i;
  while (isSym(tokens[chain + 1], '.,') && glued(tokens[chain + 1]) && isNum(tokens[chain + 2]) && glued(tokens[chain + 2])) chain += 2;
  if (CURRENCY_SYMBOLS.has(prev?.text ?? '') || (isWord(prev, CURRENCY_WORDS) && t.spaced)) return skipTo(chain, 'measure');
  if (isSym(prev, '#')) return skipTo(i, 'label');
  // Thousands with commas: "12,000", "1,250,000".
  if (isSym(next, ',') && glued(next) && isNum(after) && glued(after) && after!.text.length === 3 && t.text.length <= 3) {
    let j = i + 2;
    let value = m.value * 1000 + Number(after!.text);
    while (isSym(tokens[j + 1], ',') && glued(tokens[j + 1]) && isNum(tokens[j + 2]) && glued(tokens[j + 2]) && tokens[j + 2]!.text.length === 3) {
      value = value * 1000 + Number(tokens[j + 2]!.text);
      j += 2;
    }
    if (!(isSym(tokens[j + 1], '.,') && isNum(tokens[j + 2]) && glued(tokens[j + 2]))) {
      m.value = value;
      m.length = tokens[j]!.end - t.start;
      skipUntil.index = j;
      if (value > max) m.skip = 'large';
      return m;
    }
  }
  // A decimal, "1,5" or "12.5" (one decimal after a dot; "12.03" is a date): between two counts, so asked about.
  const decimal =
    next !== undefined && glued(next) && isNum(after) && glued(after) && !(isSym(tokens[i + 3], ':.,/') && glued(tokens[i + 3]) && isNum(tokens[i + 4])) &&
    ((next.text === ',' && after!.text.length <= 2) || (next.text === '.' && after!.text.length === 1 && !isSym(tokens[i + 3], '.')));
  if (decimal && Number(after!.text) > 0 && m.value < max) {
    m.rangeTo = m.value + 1;
    skipUntil.index = i + 2;
    m.length = after!.end - t.start;
    return m;
  }
  // Glued punctuation and another number: a time "10:30", a ratio "1:1", a date "12.03".
  if (next && glued(next) && isSym(next, ':.,') && isNum(after) && glued(after)) {
    let j = i + 2;
    while (isSym(tokens[j + 1], ':.,/') && glued(tokens[j + 1]) && isNum(tokens[j + 2]) && glued(tokens[j + 2])) j += 2;
    return skipTo(j, next.text === ':' ? 'time' : 'date');
  }
  // Dates written with dashes ("2026-03-06") or slashes, scores ("4/2"), ranges ("2-3").
  if (isSym(next, '/') && isNum(after) && (glued(next) || glued(after))) {
    const third = isSym(tokens[i + 3], '/') && isNum(tokens[i + 4]);
    const before = wordBack(tokens, i);
    const timeAfter = isNum(tokens[i + 3]) || isWord(wordAhead(tokens, i + 2), TIME_WORDS);
    if (third || isWord(before, DATE_PREPOSITIONS) || timeAfter) return skipTo(third ? i + 4 : i + 2, 'date');
    m.score = true;
    m.dateLike = m.value >= 1 && m.value <= 31 && Number(after!.text) >= 1 && Number(after!.text) <= 12;
    skipUntil.index = i + 2;
    m.length = after!.end - t.start;
    return m;
  }
  if (isSym(next, '-–') && isNum(after)) {
    if (t.text.length === 4) return skipTo(isSym(tokens[i + 3], '-') && isNum(tokens[i + 4]) ? i + 4 : i + 2, 'date');
    const to = Number(after!.text);
    if (to > m.value && to - m.value <= 20 && after!.text.length <= 3) {
      m.rangeTo = to;
      skipUntil.index = i + 2;
      m.length = after!.end - t.start;
      return m;
    }
  }
  if (isSym(next, '%') || isWord(next, new Set(['prosent', 'percent', 'pct']))) return skipTo(i + 1, 'measure');
  if (m.value > max) m.skip = 'large';
  return m;
}

function wordMention(tokens: Token[], i: number, nordic: boolean, alone: boolean, skipUntil: { index: number }): Mention | undefined {
  const t = tokens[i]!;
  const value = NUMBER_WORDS[t.lower] ?? compoundNumber(t.lower);
  if (value === undefined) return undefined;
  const m: Mention = { value, token: i, index: t.start, length: t.text.length };
  // "twenty-one", "twenty one": one number.
  const unitAt = isSym(tokens[i + 1], '-') && glued(tokens[i + 1]) ? i + 2 : i + 1;
  const unit = TENS[t.lower] !== undefined && tokens[unitAt]?.kind === 'word' ? ENGLISH_UNITS.indexOf(tokens[unitAt]!.lower) : -1;
  if (unit > 0) {
    m.value += unit;
    m.length = tokens[unitAt]!.end - t.start;
    skipUntil.index = unitAt;
  }
  const prevWord = wordBack(tokens, i);
  const next = tokens[i + 1];
  if (AMBIGUOUS_WORDS.has(t.lower) && !nordic && !alone) return undefined;
  if (t.lower === 'dozen' || t.lower === 'dusin') {
    const half = prevWord?.lower === 'a' && wordBack(tokens, i, 2)?.lower === 'half';
    if (half) m.value = 6;
    return m;
  }
  if (t.lower === 'one') {
    if (prevWord && BEFORE_PRONOUN_ONE.has(prevWord.lower)) return undefined;
    if (tokens[i - 1]?.kind === 'word' && ['rd', 'nd', 'st', 'th'].includes(tokens[i - 1]!.lower)) return undefined;
  }
  if (ARTICLES.has(t.lower)) {
    // "en" is a number after "bare"/"kun", before a preposition or the end; otherwise an article.
    const numeric =
      t.text === 'én' ||
      alone ||
      ['bare', 'kun', 'akkurat', 'nøyaktig', 'only', 'just'].includes(prevWord?.lower ?? '') ||
      clauseEnd(next) ||
      ['på', 'i', 'til', 'via', 'fra', 'av', 'denne', 'this', 'ny', 'nytt'].includes(wordAhead(tokens, i)?.lower ?? '');
    if (!numeric) m.weak = true;
  }
  return m;
}

const ADJECTIVES = new Set(['nye', 'ny', 'nytt', 'new', 'more', 'flere', 'gode', 'good', 'great', 'store', 'big', 'small', 'små', 'stk', 'st', 'stykker', 'x', 'other', 'andre', 'fine', 'spennende']);

/** Whether the mention opens the text with a mark after it, and the word that says what it counts. */
function describeNeighbours(tokens: Token[], m: Mention, first: boolean): void {
  let end = m.token;
  while (end + 1 < tokens.length && tokens[end + 1]!.end <= m.index + m.length) end++;
  let next = end + 1;
  while (tokens[next]?.kind === 'word' && ADJECTIVES.has(tokens[next]!.lower) && next <= end + 2) next++;
  const after = tokens[next];
  if (first) m.leading = after === undefined || after.kind === 'nl' || isSym(after, '—–-:!.,(');
  if (after?.kind === 'word') m.follower = after.lower;
}

/** Reads the words around a mention: label, time, date, unit, negation, correction, total, day. */
function describeContext(tokens: Token[], i: number, m: Mention, context: MentionContext): void {
  const prevWord = wordBack(tokens, i);
  let end = m.token;
  while (end + 1 < tokens.length && tokens[end + 1]!.end <= m.index + m.length) end++;
  const nextAt = indexAhead(tokens, end);
  const nextWord = tokens[nextAt];
  const next2 = wordAhead(tokens, end, 2);
  const prevTok = tokens[i - 1];
  const set = (why: NonNullable<Mention['skip']>) => {
    m.skip = why;
  };
  // "uke 7", "nr. 3", "room #210": the label stands right before the number ("Uke 7: 3" — the 3 is an answer).
  const labelWord = prevTok?.kind === 'word' ? prevTok : isSym(prevTok, '#.') ? tokens[i - 2] : undefined;
  // …but "this week 3", "denne uka 3" answer for the week, "forrige uke 2" for the one before, "next week 3" is later.
  const whichWeek = labelWord?.kind === 'word' && WEEK_WORDS.has(labelWord.lower) && prevTok === labelWord ? tokens[i - 2] : undefined;
  if (whichWeek?.kind === 'word' && NEXT_WEEK.has(whichWeek.lower)) return set('future');
  if (whichWeek?.kind === 'word' && LAST_WEEK.has(whichWeek.lower)) m.lastWeek = true;
  const saysWhichWeek = whichWeek?.kind === 'word' && (THIS_WEEK.has(whichWeek.lower) || LAST_WEEK.has(whichWeek.lower));
  if (!saysWhichWeek && labelWord?.kind === 'word' && LABELS.has(labelWord.lower)) return set('label');
  if (prevWord && TIME_WORDS.has(prevWord.lower) && prevWord.lower !== 'at') return set('time');
  if (prevWord?.lower === 'at' && (nextWord?.lower === 'am' || nextWord?.lower === 'pm' || nextWord?.lower === 'o')) return set('time');
  if (nextWord && ['am', 'pm'].includes(nextWord.lower)) return set('time');
  const afterDot = isSym(tokens[end + 1], '.') ? tokens[end + 2] : tokens[end + 1];
  const beforeDot = isSym(prevTok, '.') ? tokens[i - 2] : prevTok;
  if (isWord(afterDot, MONTHS) || isWord(beforeDot, MONTHS)) return set('date');
  // A unit word right after the number; not an acronym ("2 HR-ledere") or the start of a compound.
  const unitWord = nextWord === tokens[end + 1] && nextWord && UNITS.has(nextWord.lower) && !/^\p{Lu}{2,}$/u.test(nextWord.text) && !(isSym(tokens[end + 2], '-') && glued(tokens[end + 2]));
  if (unitWord && !context.goalUnits?.has(nextWord.lower)) return set(['am', 'pm'].includes(nextWord.lower) ? 'time' : 'measure');
  if ((prevWord && prevWord === prevTok && STREET_COMPOUND.test(prevWord.lower) && /^\p{Lu}/u.test(prevWord.text)) || (nextWord && /^\p{Lu}/u.test(nextWord.text) && next2 && STREET_WORDS.has(next2.lower))) return set('address');
  // "two of them", "to av dem": refers back to a count already given.
  if (nextWord && ['of', 'av'].includes(nextWord.lower) && next2 && PARTITIVES.has(next2.lower)) return set('partitive');
  // "2 of 3", "2 av 2", "3 out of 2": a score; the second number is the target.
  if (nextWord && ['of', 'av', 'out'].includes(nextWord.lower)) {
    const k = nextWord.lower === 'out' && tokens[nextAt + 1]?.lower === 'of' ? nextAt + 2 : nextAt + 1;
    if (isNum(tokens[k]) || NUMBER_WORDS[tokens[k]?.lower ?? ''] !== undefined) m.score = true;
  }
  // …and the number after "of"/"av" in a score is the target, not a second count.
  const prevAt = indexBack(tokens, i);
  if (prevWord && ['of', 'av'].includes(prevWord.lower) && !m.score) {
    const before = tokens[prevWord.lower === 'of' && tokens[prevAt - 1]?.lower === 'out' ? prevAt - 2 : prevAt - 1];
    if (isNum(before) || (before?.kind === 'word' && NUMBER_WORDS[before.lower] !== undefined)) return set('target');
  }
  for (let k = end + 1, seen = 0; k < tokens.length && seen < 4; k++) {
    const t = tokens[k]!;
    if (clauseEnd(t)) break;
    if (t.kind === 'word') {
      seen++;
      if (FUTURE.has(t.lower)) return set('future');
      if (LAST_WEEK.has(t.lower) && WEEK_WORDS.has(tokens[k + 1]?.lower ?? '')) m.lastWeek = true;
      if (DAY_WORDS.has(t.lower) && !m.day) m.day = t.lower;
      if (TOTALS.has(t.lower) && (t.lower !== 'alt' || tokens[k - 1]?.lower === 'i') && (t.lower !== 'sammen' || tokens[k - 1]?.lower === 'til')) m.total = true;
    }
  }
  for (let k = i - 1, seen = 0; k >= 0 && seen < 4; k--) {
    const t = tokens[k]!;
    if (t.kind === 'nl' || isSym(t, '.!?;()—–,')) break;
    if (isSym(t, '=')) m.total = true;
    if (t.kind !== 'word') continue;
    seen++;
    if (seen <= 3 && NEGATIONS.has(t.lower) && (t.lower !== 'ble' || tokens[k + 1]?.lower === 'ikke') && (t.lower !== 'no' || k === i - 1)) m.negated = true;
    if (TOTALS.has(t.lower) && (t.lower !== 'alt' || tokens[k - 1]?.lower === 'i') && (t.lower !== 'sammen' || tokens[k - 1]?.lower === 'til')) m.total = true;
    if (DAY_WORDS.has(t.lower) && !m.day && seen <= 2) m.day = t.lower;
    if (LAST_WEEK.has(t.lower) && WEEK_WORDS.has(tokens[k + 1]?.lower ?? '')) m.lastWeek = true;
    if (seen === 1 && APPROXIMATE.has(t.lower)) m.approx = true;
    if (seen === 1 && AT_LEAST.has(t.lower)) m.approx = false;
    // "more than 3", "flere enn 3": at least one more.
    if (seen === 1 && (t.lower === 'than' || t.lower === 'enn') && MORE_THAN.has(wordBack(tokens, k)?.lower ?? '')) m.value += 1;
  }
  // "not one", "ikke en eneste": none at all.
  if (m.negated && tokens[i]!.kind === 'word' && m.value === 1) {
    m.negated = false;
    m.value = 0;
  }
}
