// A reply, from raw MIME to what it says, in the order a person reads mail: is it mail from a person at all
// (mail-kind.ts), is it a command (commands.ts), what are the new words (new-text.ts), and which number do
// they give (count.ts) — or which numbers to ask about. The same code for the inbound handler and
// `kompis parse-reply`. MIME (multipart, HTML-only, quoted-printable, base64, ISO-8859-1/Windows-1252) is
// mailparser's job; attachments are ignored.
import { simpleParser, type ParsedMail } from 'mailparser';
import { TEXT_CONTROL } from '../forms/signup-form.js';
import type { Locale } from '../i18n/messages.js';
import { bodyText } from './body-text.js';
import { findCommand, type EmailCommand } from './commands.js';
import { findChangeCommand } from './change-command.js';
import { readAnswer } from './count.js';
import type { BounceReport } from './delivery-report.js';
import { classifyMail, type Classified, type MailKind } from './mail-kind.js';
import { readNewText } from './new-text.js';
import { findPlan, type PlanReading } from './plan-line.js';
import { readSplit, type ChannelSplit } from './channel-split.js';
import { CALENDAR_UNITS, NUMBER_WORDS, UNITS } from './number-words.js';
import { tokenize } from './tokens.js';

export { MAX_READ_CHARS } from './body-text.js';

export interface ParsedReply {
  count: number | null;
  note: string;
  autoReply: boolean;
  /** Present when Kompis would ask instead of recording: the candidate counts ([] = the usual buttons). */
  ask?: number[];
  /** Present when the reply is a command. */
  command?: EmailCommand;
  /** Present for a delivery report. */
  bounce?: BounceReport;
  /** Present when a line starts with "plan:": next week's one move (its numbers are never the count). */
  plan?: PlanReading;
  /** Present when the count came with parts by channel that add up to it: "3 (2 event, 1 referral)". */
  split?: ChannelSplit;
}

export interface ReplyContext {
  /** The language of the goal (and of the check-in replied to). */
  locale?: Locale | undefined;
  /** The goal's words: a number in its unit ("22 km" for a running goal) is a count. */
  goalText?: string | undefined;
}

export interface Reading extends ParsedReply {
  kind: MailKind;
  /** The new text the person wrote. */
  text: string;
}

/** Mail larger than this is dropped before parsing. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const MAX_NOTE = 1000;
// What the week page's note field refuses (control characters) is dropped from an emailed note too.
const CONTROLS = new RegExp(TEXT_CONTROL.source, 'g');
// The check-in's own words in a quote tell which language Kompis wrote in.
const NORWEGIAN_CHECKIN = /Hvor mange ble det denne uka|Klikk på tallet ditt|Målet ditt:|Forrige uke (registrerte|mangler)/;

/**
 * mailparser turns an HTML-only message into text itself, over all of it (about half a second a megabyte);
 * only the start is ever read, so above this it is left to bodyText, which converts the first 64 KB.
 */
const MAX_HTML_TEXT = 64 * 1024;

export async function parseMime(raw: Buffer | string): Promise<ParsedMail> {
  return simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepDeliveryStatus: true, maxHtmlLengthToParse: MAX_HTML_TEXT });
}

export function headerText(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  // mailparser leaves empty headers out of `headers`; "X-Autoreply:" with no value is still there.
  if (value === undefined) return mail.headerLines.some((line) => line.key === name) ? '' : undefined;
  if (typeof value === 'string') return value;
  // Address headers (Return-Path, Reply-To) come parsed: their text, "" for the null sender "<>".
  if (typeof value === 'object' && value !== null && 'text' in value && Array.isArray((value as { value?: unknown }).value)) return String((value as { text: unknown }).text);
  if (typeof value === 'object' && value !== null && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
}

function contentType(mail: ParsedMail): { type: string; reportType: string } {
  const value = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return { type: (value?.value ?? '').toLowerCase(), reportType: (value?.params?.['report-type'] ?? '').toLowerCase() };
}

/** The note without its leading count: "3 — met two CFOs" → "met two CFOs". */
function noteWithout(text: string, at: { index: number; length: number } | undefined): string {
  let note = text;
  if (at && text.slice(0, at.index).trim() === '') note = text.slice(at.index + at.length).replace(/^[\s\-–—:,.!;)]+/, '');
  const clean = note.replace(CONTROLS, '').trim().slice(0, MAX_NOTE);
  // Nothing visible left (zero-width spaces, direction marks): no note.
  return /[^\s\p{Cc}\p{Cf}]/u.test(clean) ? clean : '';
}

// Before a number, these make it how long the goal runs ("i 8 uker", "for 30 days"), not what it counts.
const HORIZON_WORDS = new Set(['i', 'in', 'for', 'over', 'within', 'innen', 'de', 'the', 'next', 'neste', 'kommende', 'til', 'until']);

/** The units the goal counts in: a unit right after a number that is not how long the goal runs ("20 km", not "8 uker"). */
function goalUnits(goalText: string | undefined): Set<string> | undefined {
  if (!goalText) return undefined;
  const tokens = tokenize(goalText.slice(0, 500)).filter((t) => t.kind === 'word' || t.kind === 'num');
  const units = new Set<string>();
  tokens.forEach((t, i) => {
    const unit = tokens[i + 1];
    if (t.kind !== 'num' && NUMBER_WORDS[t.lower] === undefined) return;
    if (unit?.kind !== 'word' || !UNITS.has(unit.lower) || CALENDAR_UNITS.has(unit.lower)) return;
    if (HORIZON_WORDS.has(tokens[i - 1]?.lower ?? '')) return;
    units.add(unit.lower);
  });
  return units.size ? units : undefined;
}

/** Is it mail from a person at all: the facts mail-kind.ts needs, taken from the parsed message. */
export function classifyParsed(mail: ParsedMail): Classified {
  const from = mail.from?.value[0];
  const { type, reportType } = contentType(mail);
  return classifyMail({
    header: (name) => headerText(mail, name),
    contentType: type,
    reportType,
    from: (from?.address ?? '').toLowerCase(),
    fromName: from?.name ?? '',
    subject: mail.subject ?? '',
    text: bodyText(mail).slice(0, 4000),
    parts: mail.attachments
      .filter((a) => a.contentType === 'message/delivery-status' || a.contentType === 'message/disposition-notification')
      .map((a) => ({ contentType: a.contentType, content: a.content.subarray(0, 16 * 1024).toString('utf8') })),
  });
}

export function readReply(mail: ParsedMail, context: ReplyContext = {}): Reading {
  const body = bodyText(mail);
  const classified = classifyParsed(mail);
  if (classified.kind !== 'person') {
    return { kind: classified.kind, count: null, note: '', autoReply: true, text: '', ...(classified.bounce ? { bounce: classified.bounce } : {}) };
  }
  const newText = readNewText(body).text;
  const planned = findPlan(newText);
  const text = planned ? planned.rest : newText;
  const plan = planned ? { plan: planned.plan } : {};
  const note = noteWithout(text, undefined);
  const norwegian = context.locale ? context.locale === 'nb' : NORWEGIAN_CHECKIN.test(body) || undefined;
  const mentionContext = { norwegian, goalUnits: goalUnits(context.goalText) };
  // "change: 3 per week" first: the general reader would take its number for the week's answer.
  const change = findChangeCommand(text);
  if (change) return { kind: 'person', count: null, note, autoReply: false, command: change, text };
  const found = findCommand(text);
  if (found) {
    const { command, index } = found;
    // "2 denne uka. Pause neste uke.": the week's number said before a pause or a stop is kept too.
    const before = command.kind === 'pause' || command.kind === 'stop' ? readAnswer(text.slice(0, index), mentionContext).count : null;
    return { kind: 'person', count: before, note, autoReply: false, command, text, ...plan };
  }
  const answer = readAnswer(text, mentionContext);
  const split = answer.count !== null ? readSplit(text, answer.count) : undefined;
  return {
    kind: 'person',
    count: answer.count,
    note: noteWithout(text, answer.at),
    autoReply: false,
    ...(answer.ask ? { ask: answer.ask } : {}),
    text,
    ...plan,
    ...(split ? { split } : {}),
  };
}

/** The public reading: what `kompis parse-reply` prints. */
export function parseReplyText(mail: ParsedMail, context: ReplyContext = {}): ParsedReply {
  const { kind: _kind, text: _text, ...reply } = readReply(mail, context);
  return reply;
}

export async function parseReply(raw: Buffer | string, context: ReplyContext = {}): Promise<ParsedReply> {
  return parseReplyText(await parseMime(raw), context);
}
