// When check-ins happen: at the owner's weekday and hour in the owner's IANA zone, so daylight-saving
// changes move nothing. Each week's time is derived from the first check-in's local date, never by
// adding 7×24 hours, so an hour skipped on a spring-forward day shifts only that one week.
import { DateTime, IANAZone } from 'luxon';
import { t, type Locale } from '../i18n/messages.js';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface CheckinSchedule {
  weekday: Weekday;
  hour: number;
  timeZone: string;
}

/** A first week shorter than this would ask "how many this week?" before the person had a chance. */
export const MIN_FIRST_WEEK_HOURS = 72;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function atLocalHour(localDate: DateTime, hour: number): DateTime {
  // Luxon moves a non-existent local time (spring forward) forward by the gap, e.g. 02:30 → 03:30.
  return localDate.set({ hour, minute: 0, second: 0, millisecond: 0 });
}

/** The local calendar date (YYYY-MM-DD) of the first scheduled slot at least `minHours` after `from`. */
export function firstCheckinDate(from: Date, schedule: CheckinSchedule, minHours = MIN_FIRST_WEEK_HOURS): string {
  const earliest = DateTime.fromJSDate(from, { zone: schedule.timeZone }).plus({ hours: minHours });
  let day = earliest.startOf('day');
  while (day.weekday !== schedule.weekday || atLocalHour(day, schedule.hour) < earliest) {
    day = day.plus({ days: 1 });
  }
  return day.toISODate() as string;
}

/** The instant of week `week`'s check-in (week 1 is at `firstDate`). */
export function checkinAt(firstDate: string, week: number, schedule: CheckinSchedule): Date {
  const first = DateTime.fromISO(firstDate, { zone: schedule.timeZone });
  return atLocalHour(first.plus({ weeks: week - 1 }), schedule.hour).toJSDate();
}

/** The final report goes this long after the last check-in, so the last week can still be answered. */
export const FINAL_REPORT_DELAY_HOURS = 48;

/** When the final report is due, as the goal is scheduled now (a pause or a new time moves it). */
export function finalReportAt(firstDate: string, weeks: number, schedule: CheckinSchedule): Date {
  return new Date(checkinAt(firstDate, weeks, schedule).getTime() + FINAL_REPORT_DELAY_HOURS * 3600 * 1000);
}

// Building an Intl.DateTimeFormat costs ~150 µs, using one ~3 µs: one per kind, language and zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'instant' | 'date', timeZone: string, locale: Locale): Intl.DateTimeFormat {
  const key = `${kind} ${locale} ${timeZone}`;
  let format = formatters.get(key);
  if (!format) {
    const fields: Intl.DateTimeFormatOptions =
      kind === 'instant'
        ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }
        : { day: 'numeric', month: 'long', year: 'numeric' };
    format = new Intl.DateTimeFormat(t(locale, 'lang.tag'), { ...fields, timeZone });
    formatters.set(key, format);
  }
  return format;
}

/** Formats an instant in the owner's zone and language, e.g. "fredag 4. desember kl. 15:00". */
export function formatLocal(instant: Date, timeZone: string, locale: Locale): string {
  return formatter('instant', timeZone, locale).format(instant);
}

/** A calendar date in the owner's zone and language, e.g. "4. desember 2026". */
export function formatDate(instant: Date, timeZone: string, locale: Locale): string {
  return formatter('date', timeZone, locale).format(instant);
}

export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
