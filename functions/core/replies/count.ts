// The week's answer in a reply's new text, as a careful reader takes it: negated numbers give way ("ikke 3,
// bare 2"), a correction wins ("3 — nei, vent, 4"), a stated total wins, parts of the week add up ("two on
// Tuesday and one on Friday"), and labels, times, dates, measures and codes are not counts. When two
// plausible counts remain, or only a vague amount, it does not guess: it lists what to ask.
import { CORRECTIONS, VAGUE } from './number-words.js';
import { scanNumbers, type Mention, type MentionContext } from './number-mentions.js';
import type { Token } from './tokens.js';

export interface CountReading {
  count: number | null;
  /** Present when Kompis should ask instead: the candidates, ascending ([] = the usual buttons). */
  ask?: number[];
  /** Where the answer stands, when it is one number (so the note can leave it out). */
  at?: { index: number; length: number };
}

/** A person's answer comes first: only this much of the new text is read for it. */
export const MAX_COUNT_CHARS = 800;
const MAX_ASK = 4;

function isCorrection(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.kind === 'word') {
    if (CORRECTIONS.has(t.lower)) return true;
    // "nei, 4" / "no, wait": a "no" that stands alone corrects.
    if ((t.lower === 'nei' || t.lower === 'no') && tokens[k + 1]?.kind === 'sym' && ',!'.includes(tokens[k + 1]!.text)) return true;
    return false;
  }
  if (t.kind === 'sym' && (t.text === '*' || t.text === '→')) return true;
  return t.kind === 'sym' && t.text === '>' && tokens[k - 1]?.text === '-';
}

/** Earlier mentions followed by a correction marker and a later mention are dropped. */
function afterCorrections(tokens: Token[], mentions: Mention[]): Mention[] {
  return mentions.filter((m, n) => {
    const later = mentions[n + 1];
    if (!later) return true;
    for (let k = m.token + 1; k < later.token; k++) if (isCorrection(tokens, k)) return false;
    return true;
  });
}

/** Two mentions joined by "+" or "plus". */
function joinedByPlus(tokens: Token[], a: Mention, b: Mention): boolean {
  for (let k = a.token + 1; k < b.token; k++) {
    const t = tokens[k]!;
    if ((t.kind === 'sym' && t.text === '+') || (t.kind === 'word' && (t.lower === 'plus' || t.lower === 'pluss'))) return true;
  }
  return false;
}

const VAGUE_PHRASES = VAGUE.flatMap(({ words, candidates }) => words.map((phrase) => ({ parts: phrase.split(' '), candidates })));

function vagueCandidates(tokens: Token[]): number[] | undefined {
  const lower = tokens.filter((t) => t.kind === 'word').map((t) => t.lower);
  for (let i = 0; i < lower.length; i++) {
    for (const { parts, candidates } of VAGUE_PHRASES) {
      if (!parts.every((p, k) => lower[i + k] === p)) continue;
      // "flere enn 3" is a number, "many thanks" a sign-off.
      const next = lower[i + parts.length];
      if (next === 'enn' || next === 'than' || next === 'thanks' || next === 'takk') continue;
      return candidates;
    }
  }
  return undefined;
}

function asked(values: number[]): CountReading {
  const distinct = [...new Set(values)].sort((a, b) => a - b).slice(0, MAX_ASK);
  return { count: null, ask: distinct };
}

const QUALIFIERS = new Set(['på', 'i', 'at', 'on', 'in', 'via', 'from', 'fra', 'with', 'med', 'over', 'during', 'under', 'gjennom', 'through', 'hos', 'by', 'ved']);

/** Parts of one week's count: said with days, or with places and channels, or of the same thing. */
function partsOfWeek(strong: Mention[]): boolean {
  if (strong.length < 2 || strong.some((m) => m.rangeTo !== undefined || m.approx || m.score)) return false;
  if (strong.every((m) => m.day) && new Set(strong.map((m) => m.day)).size === strong.length) return true;
  if (strong.every((m) => m.follower && QUALIFIERS.has(m.follower))) return true;
  const stems = new Set(strong.map((m) => (m.follower ?? '').slice(0, 4)));
  return stems.size === 1 && [...stems][0]!.length === 4;
}

export function readAnswer(text: string, context: MentionContext = {}): CountReading {
  const { tokens, mentions } = scanNumbers(text.slice(0, MAX_COUNT_CHARS), context);
  const counted = mentions.filter((m) => !m.skip);
  let strong = afterCorrections(tokens, counted.filter((m) => !m.weak)).filter((m) => !m.negated);
  // "Forrige uke 2, denne uka 4": the week before gives way to this one; said alone ("2 last week", in a late
  // reply) it is the week asked about.
  if (strong.some((m) => !m.lastWeek)) strong = strong.filter((m) => !m.lastWeek);
  // A score that reads as a date ("to 12/3") is a date when the text has another number.
  if (strong.length > 1) strong = strong.filter((m) => !(m.score && m.dateLike && !m.leading));

  const totals = strong.filter((m) => m.total);
  if (totals.length) strong = [totals[totals.length - 1]!];

  const one = (m: Mention): CountReading => ({ count: m.value, at: { index: m.index, length: m.length } });
  if (strong.length >= 2) {
    if (strong.slice(1).every((m, n) => joinedByPlus(tokens, strong[n]!, m))) return { count: strong.reduce((sum, m) => sum + m.value, 0) };
    // "3 — met two CFOs", "Seks! To på … og fire på …": the opening number is the answer, the rest explains it.
    const [lead] = strong;
    if (lead!.leading && !lead!.approx && lead!.rangeTo === undefined && !strong.some((m) => m.approx)) return one(lead!);
    if (partsOfWeek(strong)) return { count: strong.reduce((sum, m) => sum + m.value, 0) };
  }
  const values = new Set(strong.map((m) => m.value));
  if (values.size === 1) {
    const [only] = strong;
    if (only!.rangeTo !== undefined) {
      const span = only!.rangeTo - only!.value;
      return asked(span <= MAX_ASK - 1 ? Array.from({ length: span + 1 }, (_, k) => only!.value + k) : [only!.value, only!.rangeTo]);
    }
    return one(only!);
  }
  if (values.size > 1) return asked(strong.flatMap((m) => (m.rangeTo !== undefined ? [m.value, m.rangeTo] : [m.value])));

  const weak = counted.filter((m) => m.weak && !m.negated);
  if (new Set(weak.map((m) => m.value)).size === 1) return one(weak[0]!);
  const vague = vagueCandidates(tokens);
  if (vague) return { count: null, ask: vague };
  return { count: null };
}
