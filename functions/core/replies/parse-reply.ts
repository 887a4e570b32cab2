// A reply, from raw MIME to {count, note, autoReply}: the same code for the inbound handler and
// `kompis parse-reply`. MIME (multipart, HTML-only, quoted-printable, base64, ISO-8859-1/Windows-1252)
// is mailparser's job; attachments are ignored.
import { simpleParser, type ParsedMail } from 'mailparser';
import { TEXT_CONTROL } from '../goals/signup-form.js';
import type { Locale } from '../i18n/messages.js';
import { isAutoReply } from './auto-reply.js';
import { readCount } from './count.js';
import { newText } from './new-text.js';

export interface ParsedReply {
  count: number | null;
  note: string;
  autoReply: boolean;
}

/** Mail larger than this is dropped before parsing. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MAX_NOTE = 1000;
/**
 * A person's new words come first and are short; what is read of a body is capped, so a megabyte-long
 * line costs milliseconds, not seconds (the reply cutter takes ~0.7 s a megabyte).
 */
export const MAX_READ_CHARS = 64 * 1024;
// What the week page's note field refuses (control characters) is dropped from an emailed note too.
const CONTROLS = new RegExp(TEXT_CONTROL.source, 'g');

export async function parseMime(raw: Buffer | string): Promise<ParsedMail> {
  return simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2 * 1024 * 1024 });
}

export function headerText(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  // mailparser leaves empty headers out of `headers`; "X-Autoreply:" with no value is still there.
  if (value === undefined) return mail.headerLines.some((line) => line.key === name) ? '' : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
}

/** The note without its leading count: "3 — met two CFOs" → "met two CFOs". */
function noteWithout(text: string, found: { index: number; length: number } | undefined): string {
  let note = text;
  if (found && text.slice(0, found.index).trim() === '') {
    note = text.slice(found.index + found.length).replace(/^[\s\-–—:,.!;)]+/, '');
  }
  const clean = note.replace(CONTROLS, '').trim().slice(0, MAX_NOTE);
  // Nothing visible left (zero-width spaces, direction marks): no note.
  return /[^\s\p{Cc}\p{Cf}]/u.test(clean) ? clean : '';
}

/** The reply with its new text, which the inbound handler also reads for commands. */
export function readReply(mail: ParsedMail, hint?: Locale): ParsedReply & { text: string } {
  const autoReply = isAutoReply((name) => headerText(mail, name), mail.subject ?? '');
  if (autoReply) return { count: null, note: '', autoReply: true, text: '' };
  const text = newText((mail.text ?? '').slice(0, MAX_READ_CHARS));
  const found = readCount(text, hint);
  return { count: found?.count ?? null, note: noteWithout(text, found), autoReply: false, text };
}

export function parseReplyText(mail: ParsedMail, hint?: Locale): ParsedReply {
  const { count, note, autoReply } = readReply(mail, hint);
  return { count, note, autoReply };
}

export async function parseReply(raw: Buffer | string, hint?: Locale): Promise<ParsedReply> {
  return parseReplyText(await parseMime(raw), hint);
}
