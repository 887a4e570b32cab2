// The emails Kompis sends in answer to a received message: threaded under it (the composer's own
// In-Reply-To and References, from the received Message-ID when it is a well-formed ASCII id), with the
// subject "Re: <the subject replied to>", marked as an automatic reply (RFC 3834), and with a Reply-To that
// comes back to the goal.
import { light } from '../../../templates/palette.js';
import type { ParsedMail } from 'mailparser';
import { buttonsHtml, buttonsText } from '../emails/fragments.js';
import { escapeHtml } from '../../../templates/escape.js';
import { noticeEmail } from '../emails/notice.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/short-answer.js';
import type { Goal } from '../goal.js';
import { checkinReplyAddress, footerUrls, recordUrl, replyAddress } from '../links/links.js';
import { t, type Locale } from '../i18n/messages.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { buttonValues } from '../weekly/checkin-email.js';
import { targetFor } from '../progress/targets.js';

/** What an answer needs of the received message. */
export interface Received {
  messageId?: string | undefined;
  references: string[];
  subject: string;
}

// A message id as RFC 5322 writes it, in printable ASCII: anything else (an "ø" in an id) is not threaded on,
// rather than making the answer fail.
const MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;
const MAX_SUBJECT = 200;
const REPLY_PREFIX = /^\s*((re|sv|aw|vs|antw|odp|fw|fwd|vb|wg)\s*(\[\d+\])?\s*:\s*)+/i;

export function receivedOf(mail: Pick<ParsedMail, 'messageId' | 'references' | 'subject'>): Received {
  const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  return { messageId: mail.messageId, references, subject: mail.subject ?? '' };
}

export function threading(received: Received): Pick<OutgoingEmail, 'inReplyTo' | 'references'> {
  const id = received.messageId?.trim();
  if (!id || !MESSAGE_ID.test(id)) return {};
  const earlier = received.references.filter((r) => MESSAGE_ID.test(r) && r !== id).slice(-8);
  return { inReplyTo: id, references: [...earlier, id] };
}

/** "Re: <the subject replied to>", one "Re:", no line breaks; our own words when the subject is empty. */
export function replySubject(subject: string, fallback: string): string {
  const bare = subject.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(REPLY_PREFIX, '').trim().slice(0, MAX_SUBJECT);
  return `Re: ${bare || fallback}`;
}

export interface AnswerButton {
  value: number;
  label?: string;
}

/** The record buttons for a week: the candidates asked about, or the usual 0 … target+1. */
export function recordButtons(config: CoreConfig, goal: Goal, week: number, values: number[] | 'all', now: Date) {
  // The week's own target: a change of the goal applies from a later week.
  const target = targetFor(goal, week);
  const list = values === 'all' || values.length === 0 ? buttonValues(target) : values;
  return list.map((value) => ({
    label: value === target + 1 && values === 'all' ? t(goal.locale, 'email.checkin.orMore', { count: value }) : String(value),
    url: recordUrl(config, goal, week, value, now),
  }));
}

export interface AnswerContent {
  heading: string;
  body: string;
  buttons?: { label: string; url: string }[];
  /** A link under the text: the undo of a command. */
  link?: { label: string; url: string; hint?: string };
}

/** An answer to the goal's owner, about the goal (notice layout: the goal and its page). */
export function ownerAnswer(config: CoreConfig, goal: Goal, week: number, received: Received, content: AnswerContent, now: Date): OutgoingEmail {
  const link = content.link;
  const html = [
    content.buttons?.length ? buttonsHtml(content.buttons) : '',
    link ? `<p style="margin:12px 0 0"><a class="k-link" href="${escapeHtml(link.url)}" style="color:${light.accent}">${escapeHtml(link.label)}</a>${link.hint ? ` ${escapeHtml(link.hint)}` : ''}</p>` : '',
  ].join('');
  const text = [content.buttons?.length ? buttonsText(content.buttons) : '', link ? `${link.label}: ${link.url}${link.hint ? `\n${link.hint}` : ''}` : ''].filter(Boolean).join('\n');
  const email = noticeEmail(config, goal, { subject: content.heading, body: content.body, ...(html ? { extra: { html, text } } : {}) }, now);
  return {
    ...email,
    subject: replySubject(received.subject, content.heading),
    replyTo: week > 0 ? checkinReplyAddress(config, goal, week) : replyAddress(config, goal),
    headers: { ...email.headers, 'Auto-Submitted': 'auto-replied' },
    ...threading(received),
  };
}

/** A short answer to anyone (a buddy, another address): no goal, no goal page, only what to do. */
export function shortAnswer(
  config: CoreConfig,
  goal: Goal,
  to: string,
  locale: Locale,
  received: Received,
  content: { heading: string; body: string; link?: { label: string; url: string } },
  now: Date,
): OutgoingEmail {
  const link = content.link;
  const rendered = renderEmail(
    'short-answer',
    locale,
    { subject: content.heading, heading: content.heading, body: content.body, ...footerUrls(config, to, locale, now) },
    {
      html: { link: link ? `<a class="k-link" href="${escapeHtml(link.url)}" style="color:${light.accent}">${escapeHtml(link.label)}</a>` : '' },
      text: { link: link ? `\n${link.label}: ${link.url}` : '' },
    },
  );
  return {
    to,
    ...rendered,
    subject: replySubject(received.subject, content.heading),
    replyTo: replyAddress(config, goal),
    headers: { 'Auto-Submitted': 'auto-replied' },
    ...threading(received),
  };
}
