// Text as tokens, for the readers of counts, commands and goals. One linear pass with a regex whose every
// alternative is a plain character class, so no input — a megabyte-long line, a run of digits — can make it
// backtrack; the rules then look at neighbouring tokens instead of running patterns over the text.

export type TokenKind = 'word' | 'num' | 'sym' | 'nl';

export interface Token {
  text: string;
  /** Lower case, for word lookups. */
  lower: string;
  kind: TokenKind;
  start: number;
  end: number;
  /** Whitespace (not a line break) right before this token. */
  spaced: boolean;
}

// Letters (with combining marks), digits, a line break, or any other single visible character.
const TOKEN = /([\p{L}\p{M}]+)|(\d+)|(\n)|([^\s])/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    const kind: TokenKind = m[1] ? 'word' : m[2] ? 'num' : m[3] ? 'nl' : 'sym';
    tokens.push({ text: m[0], lower: m[0].toLowerCase(), kind, start, end: start + m[0].length, spaced: start > last });
    last = start + m[0].length;
  }
  return tokens;
}

/** Tokens that end a clause: sentence punctuation and line breaks. */
export function endsClause(token: Token | undefined): boolean {
  return !token || token.kind === 'nl' || (token.kind === 'sym' && '.!?;:()[]—–'.includes(token.text) && token.spaced !== false);
}

/** The words of a text, lower-cased (letters only). */
export function words(text: string): string[] {
  return tokenize(text)
    .filter((t) => t.kind === 'word')
    .map((t) => t.lower);
}
