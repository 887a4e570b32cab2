// For how long a goal runs, in weeks: "for 8 weeks", "de neste 9 ukene", "i et år", "a fortnight", "within
// 30 days"; and horizons that end on a date, read from the sign-up date: "this quarter", "ut måneden", "i år",
// "by Q2", "før sommerferien", "by Christmas", "in March". A named period without a length ("this
// semester") makes a count a total but gives no weeks. The text is bounded by the caller; every pattern
// here has bounded repetition.
import { NUMBER_WORDS } from '../replies/number-words.js';

export interface Found {
  index: number;
  length: number;
}

export interface Horizon {
  /** null for a named period of unknown length ("this semester"). */
  weeks: number | null;
  at: Found;
  /** The period is a date or a named period ("in 2026", "by Q2"): a count without a cadence is a total. */
  dated: boolean;
}

const WEEKS_PER_MONTH = 4.33;
const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';
// A number of weeks, months or days; the article forms ("a", "en", "et") only after "for"/"i"/"within".
const NUMBER =
  '(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|' +
  'twenty|thirty|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|tjue|tretti)';
const NUM = '(\\d{1,3}|a|an|one|en|ett|et|ei|én|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty|thirty|to|tre|fire|fem|seks|sju|syv|åtte|ni|ti|elleve|tolv|tretten|fjorten|femten|seksten|tjue|tretti)';
const LEAD = `(?:${B}(?:for|in|over|during|within|the next|the coming|next|i løpet av|i|innen|over|de neste|de kommende|neste|kommende|på)\\s+)`;

const MONTH_NUMBERS: Record<string, number> = {
  january: 1, januar: 1, february: 2, februar: 2, march: 3, mars: 3, april: 4, may: 5, mai: 5, june: 6, juni: 6, july: 7, juli: 7,
  august: 8, september: 9, october: 10, oktober: 10, november: 11, december: 12, desember: 12,
};

function amount(word: string): number {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (['a', 'an', 'one', 'en', 'ett', 'et', 'ei', 'én'].includes(w)) return 1;
  if (w === 'thirty' || w === 'tretti') return 30;
  return NUMBER_WORDS[w] ?? 0;
}

const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
/** Weeks from the sign-up date to the end of `end` (a UTC date), rounded up. */
function weeksUntil(start: Date, end: number): number {
  return Math.max(1, Math.ceil((end - day(start)) / (7 * 86400_000)));
}
const endOfMonth = (y: number, m0: number) => Date.UTC(y, m0 + 1, 0);
const endOfQuarter = (y: number, q: number) => Date.UTC(y, q * 3, 0);

type Rule = [RegExp, (m: RegExpExecArray, start: Date) => number | null, boolean];

const RULES: Rule[] = [
  // Lengths: "for 8 weeks", "de neste 9 ukene", "within 6 weeks", "10 weeks" on its own.
  [new RegExp(`${LEAD}?${B}${NUMBER}\\s+(?:weeks?|uker|ukene|wks)${E}`, 'iu'), (m) => amount(m[1]!), false],
  [new RegExp(`${LEAD}${NUM}\\s+(?:weeks?|uker|ukene|uke|wks)${E}`, 'iu'), (m) => amount(m[1]!), false],
  [new RegExp(`${LEAD}${NUM}\\s+(?:months?|måneder|månedene|måned|mnd)${E}`, 'iu'), (m) => Math.round(amount(m[1]!) * WEEKS_PER_MONTH), false],
  [new RegExp(`${LEAD}${NUM}\\s+(?:days?|dager|dagene|døgn)${E}`, 'iu'), (m) => Math.max(1, Math.ceil(amount(m[1]!) / 7)), false],
  [new RegExp(`${LEAD}?${B}(?:a|one)\\s+fortnight${E}|${B}fortnight${E}`, 'iu'), () => 2, false],
  [new RegExp(`${LEAD}(?:a|one|et|ett)\\s+(?:halvt\\s+år|half\\s+year)${E}|${B}half\\s+a\\s+year${E}|${B}halvåret${E}`, 'iu'), () => 26, false],
  [new RegExp(`${LEAD}${NUM}\\s+(?:years?|år)${E}`, 'iu'), (m) => 52 * amount(m[1]!), false],
  // A whole quarter: "next quarter", "neste kvartal", "et kvartal".
  [new RegExp(`${B}(?:hele\\s+)?(?:neste|next|et|ett|a|one)\\s+(?:kvartal|quarter)${E}`, 'iu'), () => 13, false],
  [new RegExp(`${B}(?:next|neste)\\s+(?:month|måned)${E}`, 'iu'), () => 4, false],
  // Until a date.
  [
    new RegExp(`${B}(?:this|the|current|dette|ut|resten\\s+av|i\\s+løpet\\s+av|the\\s+rest\\s+of\\s+the|by\\s+the\\s+end\\s+of\\s+the|innen\\s+utgangen\\s+av)\\s+(?:quarter|kvartalet)${E}|${B}kvartalet${E}`, 'iu'),
    (_, s) => weeksUntil(s, endOfQuarter(s.getUTCFullYear(), Math.floor(s.getUTCMonth() / 3) + 1)),
    true,
  ],
  [
    new RegExp(`${B}(?:this|the\\s+rest\\s+of\\s+the|by\\s+the\\s+end\\s+of\\s+the|before\\s+the\\s+end\\s+of\\s+the|denne|ut|resten\\s+av|innen\\s+utgangen\\s+av|i\\s+løpet\\s+av)\\s+(?:month|måneden|måned)${E}`, 'iu'),
    (_, s) => weeksUntil(s, endOfMonth(s.getUTCFullYear(), s.getUTCMonth())),
    true,
  ],
  [
    new RegExp(`${B}(?:this\\s+year|i\\s+år|ut\\s+året|resten\\s+av\\s+året|(?:the\\s+rest|the\\s+end|by\\s+the\\s+end)\\s+of\\s+(?:the|this)\\s+year|innen\\s+utgangen\\s+av\\s+året|by\\s+year[- ]end|i\\s+løpet\\s+av\\s+året)${E}`, 'iu'),
    (_, s) => weeksUntil(s, Date.UTC(s.getUTCFullYear(), 11, 31)),
    true,
  ],
  [
    new RegExp(`${B}(?:in|i|during|by|before|innen|før)\\s+((?:19|20)\\d{2})${E}`, 'iu'),
    (m, s) => (Number(m[1]) === s.getUTCFullYear() ? weeksUntil(s, Date.UTC(s.getUTCFullYear(), 11, 31)) : null),
    true,
  ],
  [
    new RegExp(`${B}(?:by|in|before|innen|i|før|(?:by|before)\\s+the\\s+end\\s+of|innen\\s+utgangen\\s+av)\\s+q([1-4])${E}`, 'iu'),
    (m, s) => weeksUntil(s, endOfQuarter(s.getUTCFullYear(), Number(m[1]))),
    true,
  ],
  // "Before the summer holidays" ends with June; "by summer", "til sommeren" could mean June or August: a
  // named period with no length, so the coaching asks for a date instead of guessing.
  [
    new RegExp(`${B}before\\s+(?:the\\s+)?summer(?:\\s+holidays?|\\s+break)?${E}|${B}by\\s+(?:the\\s+)?summer\\s+(?:holidays?|break)${E}|${B}(?:før|innen)\\s+sommerferien${E}|${B}før\\s+(?:sommeren|sommer)${E}`, 'iu'),
    (_, s) => weeksUntil(s, Date.UTC(s.getUTCFullYear(), 5, 30)),
    true,
  ],
  [new RegExp(`${B}(?:by|until|till|til)\\s+(?:the\\s+)?summer${E}|${B}(?:til|innen)\\s+(?:sommeren|sommer)${E}`, 'iu'), () => null, true],
  [new RegExp(`${B}(?:by|before)\\s+christmas${E}|${B}(?:før|innen)\\s+jul(?:en)?${E}`, 'iu'), (_, s) => weeksUntil(s, Date.UTC(s.getUTCFullYear(), 11, 24)), true],
  [
    new RegExp(`${B}(?:in|during|i)\\s+(january|februar|february|march|mars|april|may|mai|june|juni|july|juli|august|september|october|oktober|november|december|desember|januar)${E}`, 'iu'),
    (m, s) => {
      const month = MONTH_NUMBERS[m[1]!.toLowerCase()]! - 1;
      const year = month < s.getUTCMonth() ? s.getUTCFullYear() + 1 : s.getUTCFullYear();
      return weeksUntil(s, endOfMonth(year, month));
    },
    true,
  ],
  // Named periods of unknown length.
  [new RegExp(`${B}(?:this|the)\\s+(?:semester|term)${E}|${B}i\\s+løpet\\s+av\\s+(?:semesteret|terminen|våren|høsten)${E}|${B}(?:dette|i)\\s+semesteret${E}`, 'iu'), () => null, true],
];

/** The first horizon phrase in the text (by position). */
export function findHorizon(text: string, start: Date): Horizon | undefined {
  let best: Horizon | undefined;
  for (const [pattern, weeks, dated] of RULES) {
    const m = pattern.exec(text);
    if (!m || (best && m.index >= best.at.index)) continue;
    // "every 2 weeks", "hver 3. uke" are a rhythm, not a length.
    if (/(every|each|hver|annenhver)\s*$/i.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    const w = weeks(m, start);
    best = { weeks: w === null ? null : Math.max(1, w), at: { index: m.index, length: m[0].length }, dated };
  }
  return best;
}
