// Email commands in a reply, in bokmål and English: pause (for N weeks), resume, stop, status, joker. A command is
// the head of one of the first clauses of the new text, after a greeting and polite words ("Hei! Kan du
// pause i tre uker? Takk"), followed by nothing but a duration, its object ("disse e-postene", "the
// check-ins") and politeness; a reason may follow in its own clause ("pause 2 uker, er på ferie"). The
// same word inside a sentence about the week is not a command ("I need to stop at 2", "Pausen på jobben").
import { MONTH_NUMBERS, NUMBER_WORDS } from './number-words.js';
import { tokenize, type Token } from './tokens.js';
import type { ChangeCommand } from './change-command.js';

/** A pause lasts `weeks`, or until `untilDay` (else the 1st) of `untilMonth` (1–12, the next one to come), or until resumed. */
export type EmailCommand =
  | { kind: 'pause'; weeks?: number; untilMonth?: number; untilDay?: number }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'status' }
  | { kind: 'joker' }
  | ChangeCommand;

/** A command and where its clause starts in the text (what comes before may be the week's answer). */
export interface FoundCommand {
  command: EmailCommand;
  index: number;
}

/** Commands are read from the first clauses; a command standing alone on its own line, from the first lines. */
const MAX_COMMAND_CHARS = 300;
const MAX_CLAUSES = 3;
const MAX_LINE_COMMAND_CHARS = 800;
const MAX_PAUSE_WEEKS = 52;

const POLITE = new Set([
  'please', 'pls', 'plz', 'kindly', 'kan', 'du', 'dere', 'vi', 'can', 'could', 'would', 'you', 'we', 'vennligst', 'bare', 'just',
  'let', "let's", 'lets', 's', 'jeg', 'vil', 'ønsker', 'å', 'gjerne', 'i', 'd', 'like', 'to', 'want', 'wanna', 'hi', 'hei', 'hello',
  'hey', 'ok', 'okay', 'kompis', 'og', 'and', 'så', 'so', 'nå', 'now', 'then',
  // "I need to take a break", "I'll pause", "jeg må ta en pause": what a person says before the command.
  'need', 'needs', 'trenger', 'må', 'have', 'got', 'going', 'gonna', 'will', 'll', 'm', 'skal', 'also', 'også', 'but', 'men',
]);
const TRAILING = new Set([
  'please', 'pls', 'takk', 'thanks', 'thank', 'you', 'tusen', 'gjerne', 'er', 'du', 'snill', 'now', 'nå', 'for', 'i', 'in', 'the',
  'my', 'mine', 'min', 'mitt', 'these', 'those', 'this', 'disse', 'dette', 'denne', 'de', 'check', 'ins', 'checkins', 'check-ins',
  'emails', 'email', 'e', 'mails', 'mail', 'postene', 'posten', 'epostene', 'e-postene', 'eposter', 'meldingene', 'oppfølgingen',
  'oppfølgingene', 'oppfølging', 'påminnelsene', 'reminders', 'it', 'det', 'den', 'goal', 'målet', 'a', 'while', 'litt', 'en',
  'stund', 'until', 'further', 'notice', 'again', 'igjen', 'from', 'fra', 'next', 'neste', 'week', 'uke', 'sending', 'me', 'meg',
  'å', 'sende', 'alt', 'all', 'everything', 'alle', 'sendingen', 'sendingene', 'updates', 'oppdateringer', 'wow', 'ok', 'pause',
  'on', 'hold', 'kompis', 'this', 'goal', 'for', 'now', 'sammen', 'med', 'uken', 'uka',
  // "remove me from this list", "ikke send meg flere e-poster", "stop sending me any more".
  'list', 'lista', 'listen', 'mailing', 'more', 'any', 'mer', 'flere', 'noen', 'poster', 'eposter', 'epost', 'post', 'off',
  // "I'm back from holiday", "how am I doing so far", "hvor står jeg hittil".
  'holiday', 'holidays', 'vacation', 'leave', 'ferie', 'ferien', 'permisjon', 'so', 'far', 'hittil', 'to', 'work', 'jobb',
]);

const PAUSE_HEADS = [
  ['pause'], ['take', 'a', 'break'], ['take', 'a', 'pause'], ['taking', 'a', 'break'], ['ta', 'pause'], ['ta', 'en', 'pause'], ['tar', 'en', 'pause'],
  ['tar', 'pause'], ['sett', 'på', 'pause'], ['sett', 'målet', 'på', 'pause'], ['put', 'on', 'hold'], ['put', 'it', 'on', 'hold'],
];
const STOP_HEADS = [
  ['stop'], ['stopp'], ['stoppe'], ['avslutt'], ['avslutte'], ['unsubscribe'], ['meld', 'av'], ['meld', 'meg', 'av'], ['cancel'], ['avbryt'],
  ['slutt'], ['no', 'more'], ['remove', 'me'], ['take', 'me', 'off'], ['opt', 'out'], ['opt', 'me', 'out'], ['ikke', 'send'], ['ikkje', 'send'],
  ['don', 't', 'send'], ['do', 'not', 'send'],
];
const RESUME_HEADS = [
  ['resume'], ['fortsett'], ['fortsette'], ['start', 'igjen'], ['starte', 'igjen'], ['start', 'again'], ['restart'], ['gjenoppta'], ['pick', 'up', 'again'],
  ['unpause'], ['continue'], ['begin', 'again'], ['back'], ['er', 'tilbake'], ['tilbake'],
];
const STATUS_HEADS = [
  ['status'], ['how', 'am', 'i', 'doing'], ['hvordan', 'ligger', 'jeg', 'an'], ['hvordan', 'går', 'det'], ['where', 'am', 'i', 'at'], ['where', 'am', 'i'],
  ['where', 'do', 'i', 'stand'], ['hvor', 'står', 'jeg'], ['progress'],
];

// "joker", "bruk en joker", "I'll use a joker for this week": a skip week (weekly/jokers.ts).
const JOKER_HEADS = [
  ['joker'], ['jokeren'], ['bruk', 'joker'], ['bruk', 'en', 'joker'], ['bruker', 'joker'], ['bruker', 'en', 'joker'], ['bruk', 'jokeren'],
  ['use', 'joker'], ['use', 'a', 'joker'], ['use', 'my', 'joker'], ['using', 'a', 'joker'], ['play', 'a', 'joker'],
];

const WEEK_UNITS = new Set(['week', 'weeks', 'wk', 'wks', 'uke', 'uker', 'uka', 'uken', 'veckor', 'vecka', 'uger', 'uge']);
const MONTH_UNITS = new Set(['month', 'months', 'måned', 'måneder', 'mnd']);

interface Clause {
  tokens: Token[];
  /** Ends in a colon: "Status: 2 this week" labels an answer rather than asking for the status. */
  label: boolean;
  /** The clause is its line, alone ("Stopp."): a command there is meant wherever the line stands. */
  line: boolean;
}

/** The clauses of the first lines: split at sentence punctuation, commas, colons and dashes. */
function clauses(text: string): Clause[] {
  const out: Clause[] = [];
  let current: Token[] = [];
  // The clauses of the current line, to tell whether one stands alone on it.
  let lineStart = 0;
  const endLine = () => {
    const ofLine = out.slice(lineStart);
    if (ofLine.length === 1) ofLine[0]!.line = true;
    lineStart = out.length;
  };
  const tokens = tokenize(text.slice(0, MAX_LINE_COMMAND_CHARS));
  tokens.forEach((t, i) => {
    // "til 1. februar": the dot of a date does not end the clause.
    const dateDot = t.text === '.' && !t.spaced && tokens[i - 1]?.kind === 'num' && MONTH_NUMBERS[tokens[i + 1]?.lower ?? ''] !== undefined;
    if (dateDot) return;
    if (t.kind === 'nl' || (t.kind === 'sym' && '.!?,;—–:'.includes(t.text)) || (t.kind === 'sym' && t.text === '-' && t.spaced)) {
      // ":)", ":-)", ":D" are smiles, not colons.
      const next = tokens[i + 1];
      const smile = t.text === ':' && next !== undefined && !next.spaced && (next.kind === 'sym' || /^[dp]$/i.test(next.text));
      if (current.length) out.push({ tokens: current, label: t.text === ':' && !smile, line: false });
      current = [];
      if (t.kind === 'nl') endLine();
    } else if (t.kind === 'word' || t.kind === 'num') current.push(t);
  });
  if (current.length) out.push({ tokens: current, label: false, line: false });
  endLine();
  return out;
}

function startsWith(words: string[], at: number, head: string[]): boolean {
  return head.every((w, k) => words[at + k] === w);
}

/** "2 uker", "tre uker", "a week", "en måned", "a fortnight": the weeks a pause lasts. */
function weeksIn(words: string[]): number | undefined {
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'fortnight') return 2;
    const unit = words[i + 1];
    if (!unit) continue;
    // "pause neste uke", "pause next week": one week.
    if (['next', 'neste', 'this', 'denne'].includes(words[i]!) && WEEK_UNITS.has(unit)) return 1;
    const n = /^\d+$/.test(words[i]!) ? Number(words[i]) : words[i] === 'a' || words[i] === 'an' ? 1 : NUMBER_WORDS[words[i]!];
    if (n === undefined) continue;
    if (WEEK_UNITS.has(unit)) return n;
    if (MONTH_UNITS.has(unit)) return Math.round(n * 4.33);
  }
  return undefined;
}

/** "until January", "til mars", "fram til 1. februar", "until February 15": the date a pause lasts until. */
function untilDate(words: string[]): { untilMonth: number; untilDay?: number } | undefined {
  const at = words.findIndex((w) => w === 'until' || w === 'til' || w === 'till');
  if (at < 0 || !words.slice(0, at).every((w) => w === 'fram' || w === 'frem' || TRAILING.has(w))) return undefined;
  const day = (w: string | undefined) => (w && /^\d{1,2}$/.test(w) && Number(w) >= 1 && Number(w) <= 31 ? Number(w) : undefined);
  let k = at + 1;
  let untilDay = day(words[k]);
  if (untilDay !== undefined) k++;
  const month = MONTH_NUMBERS[words[k] ?? ''];
  if (month === undefined) return undefined;
  k++;
  if (untilDay === undefined && (untilDay = day(words[k])) !== undefined) k++;
  if (!words.slice(k).every((w) => TRAILING.has(w))) return undefined;
  return untilDay !== undefined ? { untilMonth: month, untilDay } : { untilMonth: month };
}

/** The words after the head must be a duration, an object or politeness: nothing about the week's work. */
function onlyTrailing(words: string[]): boolean {
  return words.every((w) => TRAILING.has(w) || WEEK_UNITS.has(w) || MONTH_UNITS.has(w) || /^\d+$/.test(w) || NUMBER_WORDS[w] !== undefined || w === 'fortnight' || w === 'a' || w === 'an');
}

function commandIn({ tokens, label }: Clause): EmailCommand | undefined {
  const words = tokens.map((t) => t.lower);
  let at = 0;
  while (at < words.length && POLITE.has(words[at]!) && !['pause', 'stop', 'status', 'resume', 'joker'].includes(words[at]!)) at++;
  const heads: [EmailCommand['kind'], string[][]][] = [['pause', PAUSE_HEADS], ['stop', STOP_HEADS], ['resume', RESUME_HEADS], ['status', STATUS_HEADS], ['joker', JOKER_HEADS]];
  for (const [kind, list] of heads) {
    const head = list.find((h) => startsWith(words, at, h));
    if (!head || (label && (kind === 'status' || kind === 'resume' || kind === 'joker'))) continue;
    const rest = words.slice(at + head.length);
    const until = kind === 'pause' ? untilDate(rest) : undefined;
    if (until) return { kind, ...until };
    if (!onlyTrailing(rest)) return undefined;
    if (kind === 'pause') {
      // "pause 2": a bare number after "pause" is its weeks, not the week's count.
      const bare = rest.length === 1 ? (/^\d+$/.test(rest[0]!) ? Number(rest[0]) : NUMBER_WORDS[rest[0]!]) : undefined;
      if (bare !== undefined) return bare >= 1 && bare <= MAX_PAUSE_WEEKS ? { kind, weeks: bare } : undefined;
      const weeks = weeksIn(rest);
      if (weeks === undefined) return rest.some((w) => /^\d+$/.test(w) || NUMBER_WORDS[w] !== undefined) ? undefined : { kind };
      return weeks >= 1 && weeks <= MAX_PAUSE_WEEKS ? { kind, weeks } : undefined;
    }
    // "resume from next week" and "stop these emails" may carry their object; a number may not ("stop at 2").
    if (rest.some((w) => /^\d+$/.test(w))) return undefined;
    return { kind } as EmailCommand;
  }
  return undefined;
}

export function findCommand(text: string): FoundCommand | undefined {
  let checked = 0;
  const all = clauses(text);
  for (const [n, clause] of all.entries()) {
    const index = clause.tokens[0]!.start;
    // Past the first clauses, only a command that is its own line ("Stopp.") is read.
    const first = checked < MAX_CLAUSES && index < MAX_COMMAND_CHARS;
    if (!first && !(clause.line && !clause.label)) continue;
    // Greetings ("Hei", "Hi Kompis") and thanks are their own clauses and are passed over.
    if (clause.tokens.every((t) => POLITE.has(t.lower) || ['takk', 'thanks', 'tusen', 'thank', 'you', 'god', 'morgen', 'good', 'morning'].includes(t.lower))) continue;
    const command = commandIn(clause);
    // "Pause: 2 uker": the length follows the colon.
    if (command?.kind === 'pause' && !command.weeks && clause.label) {
      const weeks = weeksIn((all[n + 1]?.tokens ?? []).map((t) => t.lower));
      if (weeks !== undefined && weeks >= 1 && weeks <= MAX_PAUSE_WEEKS) return { command: { kind: 'pause', weeks }, index };
    }
    if (command) return { command, index };
    if (first) checked++;
  }
  return undefined;
}

export function readCommand(text: string): EmailCommand | undefined {
  return findCommand(text)?.command;
}
