// The sign-up form's fields and their rules. Messages are catalog keys, shown next to each field.
import * as z from 'zod';
import type { MessageKey } from '../i18n/messages.js';
import { locales } from '../i18n/messages.js';
import { containsLink } from '../emails/unlinked.js';
import { isValidTimeZone } from '../schedule/checkins.js';

export const key = (k: MessageKey) => ({ error: k });

// Tag-like markup (<b>, </x>, <!--, <?) is refused; a lone "<" as in "<3" or "a < b" is fine (a tag starts
// right after its "<": "< b" is text to every HTML parser).
export const MARKUP = /<[a-zA-Z!/?]/;
// Any control character, including CR/LF (header injection) and NUL, and the other line breaks: the C1
// controls (NEL) and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Characters that reorder or hide text: a name travels into other people's subject lines ("Ola asks you to
// be their buddy"), where a right-to-left override could make it read as something else.
export const INVISIBLE = /[\u200b\u202a-\u202e\u2066-\u2069\ufeff]/;
// An RFC 2047 encoded-word ("=?utf-8?b?…?="): in a subject or From a mail client decodes it, so a name
// carrying one would reach inboxes as whatever text (or link) it encodes, past every check here.
export const ENCODED_WORD = /=\?[\s\S]*\?=/;
// In text that may run over lines (a goal, a note, a message): control characters but tab and line breaks.
export const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const emailField = (message: MessageKey) =>
  z.string(key(message)).trim().max(254, key(message)).pipe(z.email(key(message))).transform((v) => v.toLowerCase());

// Not a string: in a form that is a field sent twice (or a file), never something a person typed.
export const oneLine = (max: number, tooLong: MessageKey) =>
  z
    .string(key('errors.field.duplicate'))
    .trim()
    .max(max, key(tooLong))
    .refine((v) => !CONTROL.test(v), key('errors.text.lineBreak'))
    .refine((v) => !INVISIBLE.test(v), key('errors.text.invisible'))
    .refine((v) => !MARKUP.test(v), key('errors.text.markup'));

/**
 * A person's name: one line, and no web or email address — a name reaches other people's inboxes ("Ola
 * asks you to be their buddy"), where an address in it would be a link a stranger put there.
 */
export const nameField = () =>
  oneLine(100, 'errors.name.tooLong')
    .refine((v) => !containsLink(v), key('errors.name.link'))
    .refine((v) => !ENCODED_WORD.test(v), key('errors.text.encodedWord'));

/**
 * A display name from an email's From or Cc, made into something the name rules take: line breaks and
 * markup become spaces, hidden characters go, and a name that carries an address is left out altogether.
 */
export function displayName(raw: string): string {
  const name = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029<>]/g, ' ').replace(new RegExp(INVISIBLE.source, 'g'), '').slice(0, 100);
  return containsLink(name) || ENCODED_WORD.test(name) ? '' : name;
}

/** Text that may run over lines: no control characters but line breaks, no markup. */
export const plainText = (max: number, tooLong: MessageKey) =>
  z
    .string(key(tooLong))
    .trim()
    .max(max, key(tooLong))
    .refine((v) => !TEXT_CONTROL.test(v) && !MARKUP.test(v), key('errors.text.markup'));

export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const wholeNumber = (min: number, max: number, message: MessageKey) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v) ? Number(v) : v),
    z.number(key(message)).int(key(message)).min(min, key(message)).max(max, key(message)),
  );

export const weekdayField = wholeNumber(1, 7, 'errors.weekday.invalid');
export const hourField = wholeNumber(0, 23, 'errors.hour.invalid');
export const timeZoneField = z
  .string(key('errors.timeZone.invalid'))
  .trim()
  .max(64, key('errors.timeZone.invalid'))
  .refine((v) => /^[A-Za-z0-9_+\-/]+$/.test(v) && isValidTimeZone(v), key('errors.timeZone.invalid'));

export const signupFormSchema = z
  .object({
    email: emailField('errors.email.invalid'),
    name: optional(nameField()),
    goal: z
      .string(key('errors.goal.required'))
      .trim()
      .min(1, key('errors.goal.required'))
      .max(500, key('errors.goal.tooLong'))
      .refine((v) => !TEXT_CONTROL.test(v) && !MARKUP.test(v), key('errors.text.markup')),
    perWeek: wholeNumber(1, 100, 'errors.perWeek.invalid'),
    weeks: wholeNumber(1, 52, 'errors.weeks.invalid'),
    buddyName: optional(nameField()),
    buddyEmail: optional(emailField('errors.buddyEmail.invalid')),
    locale: z.enum(locales, key('errors.locale.invalid')),
    timeZone: timeZoneField,
    weekday: weekdayField,
    hour: hourField,
    /** Set by "Save as it is": the person saw the coaching and keeps the goal as written. */
    acknowledged: z.literal('1').optional().catch(undefined),
    /** Set when the form was opened from a circle's join page (circles/circle-links.ts `ownJoinPath` checks it). */
    join: z.string().max(1000).optional().catch(undefined),
  })
  .superRefine((form, ctx) => {
    if (form.buddyEmail && form.buddyEmail === form.email) {
      ctx.addIssue({ code: 'custom', path: ['buddyEmail'], message: 'errors.buddyEmail.self' });
    }
    if (form.buddyName && !form.buddyEmail) {
      ctx.addIssue({ code: 'custom', path: ['buddyEmail'], message: 'errors.buddyName.withoutEmail' });
    }
  });

export type SignupForm = z.infer<typeof signupFormSchema>;
export type SignupField = keyof SignupForm;

/** What the form shows when it is first opened. */
export const signupDefaults = { weeks: 13, weekday: 5, hour: 15, timeZone: 'Europe/Oslo' } as const;

/** First message key per field, for showing next to each input. */
export function fieldErrors(error: z.core.$ZodError): Partial<Record<SignupField, MessageKey>> {
  const out: Partial<Record<string, MessageKey>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'goal');
    out[field] ??= issue.message as MessageKey;
  }
  return out as Partial<Record<SignupField, MessageKey>>;
}
