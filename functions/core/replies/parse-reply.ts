// A reply, from raw MIME to {count, note, autoReply}: the same code for the inbound handler and
// `kompis parse-reply`. MIME (multipart, HTML-only, quoted-printable, base64, ISO-8859-1/Windows-1252)
// is mailparser's job; attachments are ignored.
import { simpleParser, type ParsedMail } from 'mailparser';
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

export async function parseMime(raw: Buffer | string): Promise<ParsedMail> {
  return simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, maxHtmlLengthToParse: 2 * 1024 * 1024 });
}

export function headerText(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (value === undefined) return undefined;
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
  return note.trim().slice(0, MAX_NOTE);
}

/** The reply with its new text, which the inbound handler also reads for commands. */
export function readReply(mail: ParsedMail, hint?: Locale): ParsedReply & { text: string } {
  const autoReply = isAutoReply((name) => headerText(mail, name), mail.subject ?? '');
  if (autoReply) return { count: null, note: '', autoReply: true, text: '' };
  const text = newText(mail.text ?? '');
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
