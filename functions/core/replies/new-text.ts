// The person's new words in a reply, wherever they wrote them: above the quote (top-posted), below it
// (bottom-posted) or between quoted lines (inline). The quote starts at the first quote header of any common
// client (see quote-headers.ts); below it, only lines without ">" are new. Around the words: a greeting is
// dropped, and a signature is cut at its delimiter ("-- "), at a sign-off ("Mvh / Rita"), at a disclaimer,
// or as a trailing block of contact lines; mobile footers ("Sent from my iPhone") go.
// The body is read line by line, at most MAX_LINES lines: linear in the text, whatever it holds.
import { isQuoted, quoteHeaderAt } from './quote-headers.js';
import {
  greetingLength, isClientFooter, isContactLine, isDisclaimer, isNameLine, isSignatureDelimiter, isSignOff, isTitleLine,
} from './signatures.js';

/** A person's reply is read from its first lines; a quoted thread can be long, and is not read past this. */
export const MAX_LINES = 400;
/** Longer lines are kept whole in the note but judged by their start. */
const MAX_LINE_CHARS = 4000;

const INVISIBLE = /[\uFEFF\u200B-\u200D\u2060\u00AD]/g;
const RULE = /^\s*(_{6,}|-{6,}|—{4,}|={6,})\s*$/;

export interface NewText {
  /** The new words, greeting, signature and quotes removed; blank runs collapsed. */
  text: string;
  /** Its non-blank lines, in order. */
  lines: string[];
  /** Whether any quoted text was found (a reply, not a fresh message). */
  quoted: boolean;
}

function splitLines(body: string): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start <= body.length && lines.length < MAX_LINES) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    lines.push(body.slice(start, Math.min(end, start + MAX_LINE_CHARS)).replace(/\r$/, '').replace(INVISIBLE, '').replace(/\u00A0/g, ' '));
    start = end + 1;
  }
  return lines;
}

const blank = (line: string) => line.trim() === '';
const meaningful = (line: string) => /[\p{L}\p{N}]/u.test(line);

/** Cuts what follows the words in one stretch of new text: footers, signatures, sign-offs, disclaimers. */
function clean(region: string[], first: boolean): string[] {
  let lines = region.filter((line) => !isClientFooter(line) && !isQuoted(line));
  let seen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isSignatureDelimiter(line) || isDisclaimer(line) || (seen && isSignOff(line))) {
      lines = lines.slice(0, i);
      break;
    }
    if (meaningful(line)) seen = true;
  }
  while (lines.length && (blank(lines[lines.length - 1]!) || RULE.test(lines[lines.length - 1]!))) lines.pop();
  lines = withoutSignatureBlock(lines);
  if (first) lines = withoutGreeting(lines);
  return lines;
}

/** A last paragraph of a name, a title and contact lines (at least one), after the words: a signature without a delimiter. */
function withoutSignatureBlock(lines: string[]): string[] {
  let start = lines.length;
  while (start > 0 && !blank(lines[start - 1]!)) start--;
  if (start === 0) return lines;
  const block = lines.slice(start);
  const contacts = block.filter(isContactLine).length;
  if (contacts > 0 && block.every((line) => isContactLine(line) || isTitleLine(line) || isNameLine(line))) {
    const kept = lines.slice(0, start);
    while (kept.length && blank(kept[kept.length - 1]!)) kept.pop();
    return kept.some(meaningful) ? kept : lines;
  }
  return lines;
}

function withoutGreeting(lines: string[]): string[] {
  const i = lines.findIndex(meaningful);
  if (i < 0) return lines;
  const length = greetingLength(lines[i]!);
  if (!length) return lines;
  const rest = lines[i]!.slice(length).trim();
  const others = lines.slice(i + 1);
  // "Hei!" alone with nothing after it is the whole reply: keep it.
  if (!rest && !others.some(meaningful)) return lines;
  return rest ? [...lines.slice(0, i), rest, ...others] : [...lines.slice(0, i), ...others];
}

export function readNewText(body: string): NewText {
  const lines = splitLines(body);
  let header = -1;
  let span = 0;
  for (let i = 0; i < lines.length; i++) {
    span = quoteHeaderAt(lines, i);
    if (span) {
      header = i;
      break;
    }
  }
  const regions: string[][] = [];
  const above = header < 0 ? lines : lines.slice(0, header);
  // Above the quote header, or in a reply without one: runs of lines without ">".
  let run: string[] = [];
  for (const line of above) {
    if (isQuoted(line)) {
      if (run.length) regions.push(run);
      run = [];
    } else run.push(line);
  }
  if (run.length) regions.push(run);
  let quoted = header >= 0 || lines.some(isQuoted);
  if (header >= 0) {
    // Below the header: if the quote is marked with ">", the unmarked lines are new (bottom or inline);
    // otherwise the rest is the original message, as Outlook, Samsung and Yahoo send it.
    const rest = lines.slice(header + span);
    const firstLine = rest.find((line) => !blank(line));
    if (firstLine !== undefined && isQuoted(firstLine)) {
      run = [];
      for (let i = 0; i < rest.length; i++) {
        if (quoteHeaderAt(rest, i)) break;
        if (isQuoted(rest[i]!)) {
          if (run.some(meaningful)) regions.push(run);
          run = [];
        } else run.push(rest[i]!);
      }
      if (run.some(meaningful)) regions.push(run);
    }
    quoted = true;
  }
  const kept = regions.map((region, n) => clean(region, n === 0)).filter((region) => region.some(meaningful));
  const text = kept
    .map((region) => region.join('\n'))
    .join('\n\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, lines: text.split('\n').filter((line) => line.trim()), quoted };
}

/** The lines a person wrote above any quote, as they are (signature and all): where a "buddy:" line stands. */
export function textAboveQuote(body: string): string {
  const lines = splitLines(body);
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (quoteHeaderAt(lines, i)) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).filter((line) => !isQuoted(line)).join('\n');
}

export function newText(body: string): string {
  return readNewText(body).text;
}
