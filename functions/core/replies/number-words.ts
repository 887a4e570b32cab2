// Number words and the words around numbers that change what they mean, in bokmål and English (with the
// Swedish and Danish words a Scandinavian reply may use). One list per concept; the readers derive from them.
import { wordTable } from './word-table.js';

/** Words that are a number on their own. */
export const NUMBER_WORDS: Readonly<Record<string, number>> = wordTable({
  // English
  zero: 0, none: 0, nothing: 0, nada: 0, nil: 0, zilch: 0,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  once: 1, twice: 2, thrice: 3, dozen: 12, hundred: 100,
  // bokmål
  null: 0, ingen: 0, ingenting: 0, en: 1, 'én': 1, ett: 1, ei: 1, to: 2, tre: 3, fire: 4, fem: 5, seks: 6, sju: 7, syv: 7,
  'åtte': 8, ni: 9, ti: 10, elleve: 11, tolv: 12, tretten: 13, fjorten: 14, femten: 15, seksten: 16, sytten: 17,
  atten: 18, nitten: 19, tjue: 20, tyve: 20, dusin: 12, hundre: 100,
  // Swedish and Danish words that differ
  noll: 0, 'två': 2, fyra: 4, 'åtta': 8, nio: 9, tio: 10, elva: 11, nul: 0, otte: 8,
});

/** Tens that take a unit: "twenty-one", "tjueen". */
export const TENS: Readonly<Record<string, number>> = wordTable({ twenty: 20, thirty: 30, forty: 40, fifty: 50, tjue: 20, tretti: 30, førti: 40, femti: 50 });
export const ENGLISH_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const NORWEGIAN_UNITS = ['', 'en', 'to', 'tre', 'fire', 'fem', 'seks', 'sju', 'åtte', 'ni'];

/** "tjueen", "trettifem": bokmål writes 21–59 as one word. */
export function compoundNumber(word: string): number | undefined {
  for (const [tens, value] of Object.entries(TENS)) {
    if (!word.startsWith(tens) || word.length === tens.length) continue;
    const unit = NORWEGIAN_UNITS.indexOf(word.slice(tens.length));
    if (unit > 0) return value + unit;
  }
  if (word === 'thirty' || word === 'forty' || word === 'fifty' || word === 'tretti' || word === 'førti' || word === 'femti') return TENS[word];
  return undefined;
}

/** Bokmål words that are also everyday English words: a number only in a Scandinavian text. */
export const AMBIGUOUS_WORDS = new Set(['to', 'fire', 'ni', 'ti', 'null', 'en', 'ei', 'ett']);

/** Articles: one, but only when nothing else in the text is a number ("en kunde", "a call"). */
export const ARTICLES = new Set(['en', 'ei', 'ett', 'et', 'a', 'an']);

/** Vague amounts and the counts they may stand for ([] = any: the usual buttons). */
export const VAGUE: readonly { words: string[]; candidates: number[] }[] = [
  { words: ['a couple', 'couple of', 'a pair of', 'et par', 'par stykker', 'ett par', 'et par stk'], candidates: [2, 3] },
  { words: ['a few', 'noen få', 'noen stykker', 'några', 'nogle få', 'a handful'], candidates: [2, 3, 4] },
  { words: ['several', 'many', 'lots', 'loads', 'plenty', 'mange', 'flere', 'en del', 'haugevis', 'massevis', 'flera', 'många'], candidates: [] },
];

/** Words before a number that make it a label or a code, not a count ("uke 7", "room 210", "#3"). */
export const LABELS = new Set([
  'week', 'weeks', 'wk', 'uke', 'uka', 'uken', 'ukene', 'vecka', 'veckan', 'uge', 'ugen', 'woche', 'kw',
  'room', 'rom', 'floor', 'etasje', 'etg', 'team', 'building', 'bygg', 'nr', 'no', 'number', 'nummer', 'page', 'side',
  'case', 'sak', 'ticket', 'order', 'ordre', 'chapter', 'kapittel', 'version', 'versjon', 'level', 'nivå', 'gate',
  'q', 'kvartal', 'quarter', 'sprint', 'del', 'part', 'step', 'steg', 'mål', 'goal', 'iphone', 'ios', 'windows',
  'tlf', 'tel', 'telefon', 'phone', 'mob', 'mobil', 'mobile', 'fax', 'org', 'orgnr', 'postboks', 'pb', 'box',
]);

/** Spans of the calendar: after a number a duration ("for two weeks", "de neste to ukene"), never a weekly count. */
export const CALENDAR_UNITS = new Set([
  'week', 'weeks', 'wk', 'wks', 'uke', 'uker', 'ukene', 'ukers', 'veckor', 'veckorna', 'uger', 'ugerne', 'fortnight', 'fortnights',
  'month', 'months', 'måned', 'måneder', 'månedene', 'mnd', 'year', 'years', 'år', 'årene',
]);

/** Units after a number that make it a measure, not a count — unless the goal is counted in that unit. */
export const UNITS = new Set([
  ...CALENDAR_UNITS,
  'hour', 'hours', 'hr', 'hrs', 'h', 'timer', 'time', 'timen', 'timar', 't', 'minute', 'minutes', 'min', 'mins', 'minutter',
  'minutt', 'minuttar', 'minuttene', 'sec', 'secs', 'seconds', 'sek', 'sekunder', 'day', 'days', 'dag', 'dager', 'dagene', 'dagar',
  'døgn', 'timene', 'km', 'kilometer', 'kilometers',
  'mile', 'miles', 'mil', 'meter', 'meters', 'm', 'kg', 'kilo', 'g', 'kcal', 'kr', 'kroner', 'kronor', 'nok', 'sek',
  'usd', 'eur', 'euro', 'euros', 'dollar', 'dollars', 'pund', 'pounds', 'gbp', 'prosent', 'percent', 'pct', 'k', 'mill',
  'million', 'millioner', 'am', 'pm',
]);

/** Units a count may be in: "3 stk", "3x", "3 ganger". */
export const COUNT_UNITS = new Set(['stk', 'st', 'stykker', 'stykk', 'x', 'ganger', 'gang', 'times', 'pcs', 'pieces']);

/** Suffixes glued to a number that make it an ordinal ("3rd", "2nd", "1ste"). */
export const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 'ste', 'nde', 'e', 'te']);

/** Month names and their numbers ("pause until January", dates like "4. januar"). */
export const MONTH_NUMBERS: Readonly<Record<string, number>> = wordTable({
  jan: 1, januar: 1, january: 1, feb: 2, februar: 2, february: 2, mar: 3, mars: 3, march: 3, marts: 3, 'märz': 3,
  apr: 4, april: 4, mai: 5, may: 5, maj: 5, jun: 6, juni: 6, june: 6, jul: 7, juli: 7, july: 7, aug: 8, august: 8,
  sep: 9, sept: 9, september: 9, okt: 10, oktober: 10, oct: 10, october: 10, nov: 11, november: 11,
  des: 12, desember: 12, dec: 12, december: 12, dezember: 12,
});

export const MONTHS = new Set(Object.keys(MONTH_NUMBERS));

export const WEEKDAYS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur',
  'thurs', 'fri', 'sat', 'sun', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays', 'saturdays', 'sundays',
  'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag', 'man', 'tir', 'ons', 'tor', 'fre', 'lør', 'søn',
  'mandager', 'tirsdager', 'onsdager', 'torsdager', 'fredager', 'lørdager', 'søndager', 'måndag', 'tisdag', 'lördag', 'söndag',
]);

/** Words that say when within the week something happened: parts on different days add up. */
export const DAY_WORDS = new Set([...WEEKDAYS, 'yesterday', 'today', 'tonight', 'morning', 'evening', 'afternoon', 'går', 'dag', 'morges', 'kveld', 'formiddag', 'ettermiddag', 'helgen', 'weekend']);

/** Negations: the number right after is what it was not ("ikke 3, bare 2"). */
export const NEGATIONS = new Set(['not', 'ikke', 'ikkje', 'inte', 'nicht', 'never', 'aldri', 'isn', 'wasn', 'weren', 'didn', 'ble', 'no']);

/** Words that correct what came before ("3 — nei, vent, 4"). */
export const CORRECTIONS = new Set(['vent', 'wait', 'sorry', 'oops', 'rettelse', 'correction', 'mente', 'mener', 'mean', 'meant', 'actually', 'faktisk', 'eh', 'ehh', 'nope', 'unnskyld', 'beklager', 'feil', 'wrong', 'oj']);

/** Words next to a number that say it is the total ("3 totalt", "in total 3"). */
export const TOTALS = new Set(['total', 'totalt', 'totally', 'tilsammen', 'altogether', 'samlet', 'sum', 'summa', 'alt', 'sammen']);

/** Words after a number that say it refers back ("two of them", "to av dem"). */
export const PARTITIVES = new Set(['them', 'dem', 'disse', 'which', 'those', 'these', 'hvorav', 'hvilke']);

/** Words that put a number in the future ("3 planned next week"), not this week's count. */
export const FUTURE = new Set(['planned', 'planlagt', 'booked', 'booket', 'scheduled', 'neste', 'next', 'kommende', 'upcoming', 'coming', 'tomorrow', 'morgen']);

/** Words for a week ("this week 3", "forrige uke 2"). */
export const WEEK_WORDS = new Set(['week', 'wk', 'uke', 'uka', 'uken', 'veka', 'veke', 'vecka', 'veckan', 'uge', 'ugen']);
/** Before a week word: this week, the one before, the next one. */
export const THIS_WEEK = new Set(['this', 'denne', 'dette', 'den', 'current', 'inneværende']);
export const LAST_WEEK = new Set(['last', 'forrige', 'previous', 'sist', 'siste', 'förra', 'sidste']);
export const NEXT_WEEK = new Set(['next', 'neste', 'kommende', 'coming', 'nästa', 'næste']);

/** Words that say the number is a guess, but one guess ("about 3", "ca. 4"). */
export const APPROXIMATE = new Set(['about', 'around', 'roughly', 'approx', 'approximately', 'ca', 'cirka', 'circa', 'omtrent', 'rundt', 'nesten', 'almost', 'nearly', 'maybe', 'kanskje', 'probably', 'trolig', 'sikkert', 'ish']);

/** "at least N", "minst N", "N+" mean N; "more than N" means N + 1. */
export const AT_LEAST = new Set(['least', 'minst', 'minimum', 'min']);
export const MORE_THAN = new Set(['over', 'than', 'enn', 'mer', 'flere', 'more']);

/** Words that make a following "one" a pronoun, not a count ("the 3rd one", "a good one"). */
export const BEFORE_PRONOUN_ONE = new Set(['the', 'a', 'an', 'this', 'that', 'each', 'every', 'another', 'other', 'any', 'which', 'good', 'new', 'big', 'great', 'last', 'first', 'next']);

/** Words whose presence says a text is Scandinavian, so "to", "fire", "en" are numbers. */
export const SCANDINAVIAN = new Set([
  'denne', 'uka', 'uke', 'uken', 'jeg', 'og', 'med', 'har', 'ble', 'møtte', 'på', 'det', 'ikke', 'også', 'var', 'kun', 'bare',
  'stk', 'kunder', 'kunde', 'møter', 'møte', 'fikk', 'hadde', 'faktisk', 'stykker', 'nye', 'ny', 'takk', 'hei', 'mvh',
  'hilsen', 'uka', 'dessverre', 'helt', 'vel', 'vi', 'dem', 'av', 'til', 'fra', 'som', 'er', 'st', 'denna', 'vecka', 'och',
  'jag', 'inte', 'ugen', 'ikk', 'godt', 'bra', 'fint', 'gang', 'ganger', 'samtaler', 'nettverket',
]);
