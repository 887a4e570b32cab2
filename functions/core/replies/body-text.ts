// Which text of a message to read: the text part, unless it is empty or a placeholder ("This message is in
// HTML format", "Vis e-posten i nettleseren") while the HTML part holds the words; then the HTML, converted
// the way mailparser converts HTML-only mail (blockquotes become "> " lines, so quotes stay quotes).
import type { ParsedMail } from 'mailparser';
import { htmlToText } from 'html-to-text';

/** A person's reply is short; what is read of a body is capped before any reader sees it. */
export const MAX_READ_CHARS = 64 * 1024;
/** The words come first in HTML too: only its start is converted (the rest is markup and the quoted thread). */
const MAX_HTML_CHARS = 64 * 1024;
const MAX_HTML_DEPTH = 64;

const PLACEHOLDER = /(html|browser|nettleser|webversjon|web version|view (it|this|the)|cannot (be )?display|can.?t display|kan ikke vise|does not support|støtter ikke|stöder inte|unterstützt keine|mime format|multi-?part message)/i;

export function isPlaceholder(text: string): boolean {
  const t = text.trim();
  return t === '' || (t.length <= 300 && PLACEHOLDER.test(t));
}

// One message is read by several readers (is it mail at all, a command, a count): convert its HTML once.
const read = new WeakMap<object, string>();

export function bodyText(mail: Pick<ParsedMail, 'text' | 'html'>): string {
  const known = read.get(mail);
  if (known !== undefined) return known;
  const text = (mail.text ?? '').slice(0, MAX_READ_CHARS);
  let body = text;
  if (isPlaceholder(text) && typeof mail.html === 'string' && mail.html) {
    try {
      body = htmlToText(mail.html.slice(0, MAX_HTML_CHARS), { wordwrap: false, limits: { maxDepth: MAX_HTML_DEPTH } }).slice(0, MAX_READ_CHARS);
    } catch {
      body = text;
    }
  }
  read.set(mail, body);
  return body;
}
