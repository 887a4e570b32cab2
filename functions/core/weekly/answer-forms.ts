// The small forms around a week and a goal: a week's answer, pausing, the check-in time.
import { DateTime } from 'luxon';
import * as z from 'zod';
import { channels, MAX_WEEK_COUNT } from '../answers.js';
import { emailField, hourField, key, nameField, optional, plainText, timeZoneField, weekdayField, wholeNumber } from '../forms/signup-form.js';

export const weekFormSchema = z.object({
  count: wholeNumber(0, MAX_WEEK_COUNT, 'errors.count.invalid'),
  note: optional(plainText(1000, 'errors.note.tooLong')),
  channel: optional(z.enum(channels, key('errors.channel.invalid'))),
});
export type WeekForm = z.infer<typeof weekFormSchema>;

export const pauseFormSchema = z.object({
  resumeOn: optional(z.string(key('errors.date.invalid')).regex(/^\d{4}-\d{2}-\d{2}$/, key('errors.date.invalid'))),
});

export const scheduleFormSchema = z.object({ weekday: weekdayField, hour: hourField, timeZone: timeZoneField });

/** The start of `date` in the owner's zone, if it is a real date after today there; else undefined. */
export function resumeInstant(date: string, timeZone: string, now: Date): Date | undefined {
  const start = DateTime.fromISO(date, { zone: timeZone }).startOf('day');
  if (!start.isValid) return undefined;
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  if (start <= today || start > today.plus({ years: 1 })) return undefined;
  return start.toJSDate();
}

export const buddyFormSchema = z.object({
  buddyName: optional(nameField()),
  buddyEmail: emailField('errors.buddyEmail.invalid'),
});

export const shareNotesFormSchema = z.object({ shareNotes: z.literal('on').optional() });
/** The week page's plan for next week: a day, an hour, a few words, and whether to email at that time. */
export const planFormSchema = z.object({
  planDay: weekdayField,
  planHour: hourField,
  planText: plainText(200, 'error.plan.text').refine((v) => v.length > 0, key('error.plan.text')),
  planEmail: z.literal('on').optional(),
});

/** The goal page's weekly-loop switches: a checkbox sends "on" or nothing. */
export const loopFormSchema = z.object({ reminders: z.literal('on').optional(), midReport: z.literal('on').optional() });
