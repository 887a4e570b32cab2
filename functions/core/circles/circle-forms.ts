// The circle's forms: starting one, inviting by email, saying yes to join. Messages are catalog keys shown
// next to each field; names follow the sign-up form's name rules (one line, no markup, no address).
import * as z from 'zod';
import type { MessageKey } from '../i18n/messages.js';
import { containsLink } from '../emails/unlinked.js';
import { emailField, ENCODED_WORD, fieldErrors, key, nameField, oneLine, optional } from '../forms/signup-form.js';
import { MAX_CIRCLE_NAME, MAX_MEMBER_NAME } from './circle.js';

const memberName = () => nameField().pipe(z.string().min(1, key('errors.circle.name')).max(MAX_MEMBER_NAME, key('errors.circle.name')));

const sharedTotal = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.number(key('errors.circle.sharedTotal')).int(key('errors.circle.sharedTotal')).min(1, key('errors.circle.sharedTotal')).max(100000, key('errors.circle.sharedTotal')).optional(),
);

/**
 * The shared target's two fields: both, or neither (no target). Its words reach every member's digest, so they
 * follow the circle name's rules: one line, no invisible characters, no markup, no encoded-word.
 */
const sharedFields = {
  sharedText: optional(oneLine(120, 'errors.circle.sharedText').refine((v) => !ENCODED_WORD.test(v), key('errors.text.encodedWord'))),
  sharedTotal,
};
/** The missing one of the two is the field that needs fixing. */
const bothOrNeither = (f: { sharedText?: string | undefined; sharedTotal?: number | undefined }, ctx: z.core.$RefinementCtx) => {
  if (f.sharedText === undefined && f.sharedTotal !== undefined) ctx.addIssue({ code: 'custom', path: ['sharedText'], message: 'errors.circle.sharedText' });
  if (f.sharedText !== undefined && f.sharedTotal === undefined) ctx.addIssue({ code: 'custom', path: ['sharedTotal'], message: 'errors.circle.sharedTotal' });
};

export const startCircleSchema = z
  .object({
    // The circle's name is in every circle email's subject, as a person's name is: no address, no encoded-word.
    name: oneLine(MAX_CIRCLE_NAME, 'errors.circle.circleName')
      .pipe(z.string().min(1, key('errors.circle.circleName')))
      .refine((v) => !containsLink(v), key('errors.circle.circleNameLink'))
      .refine((v) => !ENCODED_WORD.test(v), key('errors.text.encodedWord')),
    memberName: memberName(),
    ...sharedFields,
  })
  .superRefine(bothOrNeither);
export type StartCircleForm = z.infer<typeof startCircleSchema>;

/** The organiser sets, changes or (both fields empty) removes the shared target later. */
export const sharedTargetSchema = z.object(sharedFields).superRefine(bothOrNeither);

export const inviteSchema = z.object({ email: emailField('errors.email.invalid') });

export const joinSchema = z.object({
  email: emailField('errors.email.invalid'),
  name: memberName(),
  yes: z.literal('1', key('errors.circle.terms')),
});

/** The emailed join link: the address owner picks the goal, gives the name they appear under, and says yes themselves. */
export const attachSchema = z.object({
  goal: z.string(key('errors.circle.goal')).regex(/^[0-9A-Z]{26}$/, key('errors.circle.goal')),
  name: memberName(),
  yes: z.literal('1', key('errors.circle.terms')),
});

export const removeSchema = z.object({ member: z.string().regex(/^[0-9A-Z]{26}$/) });

/** First message key per field. */
export const formErrors = (error: z.core.$ZodError) => fieldErrors(error) as Record<string, MessageKey>;
