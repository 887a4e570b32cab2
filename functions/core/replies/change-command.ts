// "change: 3 per week", "endre: 3 i uka", "change to 3 a week", "endre målet til 3 per uke", "change: 16 weeks":
// a change of the goal by reply. Only at the head of one of the first lines, and only with its number and
// unit: "I'll change gyms, 3 a week" is no command (the verb must lead, the number follow it at once).
import { NUMBER_WORDS } from './number-words.js';

export interface ChangeCommand {
  kind: 'change';
  perWeek?: number;
  weeks?: number;
}

const MAX_LINES = 5;
const VERB = String.raw`(?:change|endre|endr|set|sett)`;
const OBJECT = String.raw`(?:\s+(?:the\s+|my\s+)?(?:goal|target|målet|mål|tallet|ukemålet))?`;
const LINK = String.raw`\s*(?::|\s+to\b|\s+til\b)?\s*`;
const NUMBER = String.raw`(\d{1,3}|[a-zæøå]+)`;
const PER_WEEK = String.raw`(?:per|pr\.?|a|an|each|every|i|hver|om|/)\s*(?:week|wk|uke|uka|uken|veke|veka)`;
const WEEKS = String.raw`(?:weeks|wks|uker|veker)`;
const CHANGE = new RegExp(String.raw`^[\s>]*(?:(?:hi|hei|ok|please|kan du|could you|vennligst)[\s,!]+)*${VERB}${OBJECT}${LINK}${NUMBER}\s*(?:(${PER_WEEK})|(${WEEKS}))\s*[.!]*\s*(?:(?:please|takk|thanks|thank you)[.!]*)?\s*$`, 'iu');

function numberOf(word: string): number | undefined {
  const n = /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** The change asked for in the first lines of a reply, if one of them is a change command. */
export function findChangeCommand(text: string): ChangeCommand | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim()).slice(0, MAX_LINES);
  for (const line of lines) {
    if (line.length > 120) continue;
    const m = CHANGE.exec(line);
    if (!m) continue;
    const n = numberOf(m[1]!);
    if (n === undefined) continue;
    if (m[2] && n >= 1 && n <= 100) return { kind: 'change', perWeek: n };
    if (m[3] && n >= 1 && n <= 52) return { kind: 'change', weeks: n };
  }
  return undefined;
}
