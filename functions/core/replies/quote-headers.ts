// Where a quoted message starts, as the common clients mark it: an attribution line ("On … wrote:", "… skrev
// …:", "Am … schrieb …:", over one to three lines), a header block ("From:/Sent:/To:/Subject:" in English,
// bokmål, Swedish, Danish and German, GMX's "Gesendet:" first), or a separator ("-----Original Message-----",
// "-------- Opprinnelig melding --------", an underscore or dash rule before a header block).
// Every pattern runs on one line cut to LINE_CHARS (three joined for a wrapped attribution), so each
// costs a bounded amount per line.

const LINE_CHARS = 300;

const WROTE = '(wrote|sent|skrev|schrieb|geschrieben|a écrit|escribió|ha scritto|escreveu|schreef|napisał|kirjoitti|написал|đã viết)';
const WROTE_WORD = new RegExp(`(?<![\\p{L}])${WROTE}(?![\\p{L}])`, 'iu');
const ATTRIBUTION_START = /^(-{2,}\s*)?(on|den|am|le|el|il|em|op|w dniu|på|vào|pe|\d|(man|tir|ons|tor|fre|lør|søn|mon|tue|wed|thu|fri|sat|sun|mån|tis|fre|lör|sön)\p{L}*\.?\s)/iu;
const ANDROID = /^-{2,}.{1,80}\s(wrote|skrev|schrieb)\s*-{2,}$/iu;
const DATED = /\d{1,2}[:.]\d{2}|(^|\D)(19|20)\d{2}(\D|$)|\d{1,2}[./]\d{1,2}/;

const FROM_KEYS = '(from|fra|från|von|de|van|da|od|lähettäjä)';
const OTHER_KEYS = '(sent|sendt|skickat|gesendet|date|dato|datum|to|til|till|an|subject|emne|ämne|betreff|objet|cc|kopi|envoyé)';
const FROM_LINE = new RegExp(`^\\s*\\*?${FROM_KEYS}\\s?:\\*?\\s`, 'iu');
const OTHER_LINE = new RegExp(`^\\s*\\*?${OTHER_KEYS}\\s?:\\*?\\s`, 'iu');
const SEPARATOR = /^\s*-{2,}\s*(original message|opprinnelig melding|originalmeddelande|oprindelig (besked|meddelelse)|ursprüngliche nachricht|forwarded message|videresendt melding|vidarebefordrat meddelande|reply message|message d'origine|mensaje original|messaggio originale)\s*-{2,}\s*$/iu;
const RULE = /^\s*(_{10,}|-{10,}|—{6,})\s*$/;

const trimQuote = (line: string) => line.replace(/^\s*>\s?/, '');
const cut = (line: string | undefined) => (line ?? '').slice(0, LINE_CHARS).replace(/\uFEFF/g, '').trim();

/** A line of a header block: "From: …", "*Sent:* …". */
export function isHeaderKeyLine(line: string): boolean {
  const t = cut(line);
  return FROM_LINE.test(t) || OTHER_LINE.test(t);
}

function isAttribution(text: string): boolean {
  if (ANDROID.test(text)) return true;
  if (!text.endsWith(':') && !/-{2,}$/.test(text)) return false;
  const wrote = WROTE_WORD.exec(text);
  if (!wrote) return false;
  if (text.includes('@') || text.includes('<')) return true;
  // A date or a time, at the start of the line or close to "wrote": "On 06/03/2026 15:00, Kompis wrote:",
  // not "here is what I wrote:".
  return DATED.test(text) && (ATTRIBUTION_START.test(text) || text.length - wrote.index < 60);
}

/**
 * The number of lines the quote header starting at `i` spans (0 when none starts there). Lines may carry
 * a ">" (iOS quotes its own attribution).
 */
export function quoteHeaderAt(lines: readonly string[], i: number): number {
  const first = cut(trimQuote(lines[i] ?? ''));
  if (!first) return 0;
  if (SEPARATOR.test(first)) return 1;
  // A rule counts only when a header block follows it.
  if (RULE.test(first)) {
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const next = cut(lines[j]);
      if (!next) continue;
      return FROM_LINE.test(next) || OTHER_LINE.test(next) ? 1 : 0;
    }
    return 0;
  }
  // A header block: a From line and another key within the next four lines (or a Sent/Date line first).
  if (FROM_LINE.test(first) || OTHER_LINE.test(first)) {
    let keys = 1;
    let from = FROM_LINE.test(first);
    for (let j = i + 1; j < Math.min(lines.length, i + 5); j++) {
      const next = cut(trimQuote(lines[j] ?? ''));
      if (FROM_LINE.test(next)) from = true;
      if (FROM_LINE.test(next) || OTHER_LINE.test(next)) keys++;
    }
    if (from && keys >= 2) return 1;
  }
  let joined = '';
  for (let n = 0; n < 3 && i + n < lines.length; n++) {
    const part = cut(trimQuote(lines[i + n]!));
    if (n > 0 && !part) break;
    joined = n === 0 ? part : `${joined} ${part}`;
    if (joined.length > 3 * LINE_CHARS) break;
    // Over more lines, the first must open an attribution ("On …", a date): "3" or "Two this week" right above
    // "On … <coach@…> wrote:" is the answer, not the start of a wrapped attribution.
    if (isAttribution(joined)) return n === 0 || opensAttribution(first) ? n + 1 : 0;
  }
  return 0;
}

function opensAttribution(line: string): boolean {
  return ATTRIBUTION_START.test(line) && (DATED.test(line) || WROTE_WORD.test(line));
}

/**
 * An attribution line with no date ("On Sun, Kompis wrote:", "Den søn. skrev Kompis:"): too loose to end a
 * check-in answer on, but the end of the words when what follows it was cut as quoted.
 */
export function isBareAttribution(line: string): boolean {
  const text = cut(trimQuote(line));
  return (text.endsWith(':') || /-{2,}$/.test(text)) && WROTE_WORD.test(text) && (ATTRIBUTION_START.test(text) || text.includes('@') || text.includes('<'));
}

export function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}
