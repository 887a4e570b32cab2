// The <option> lists for a check-in weekday and hour, shared by the sign-up form and the goal page.
import { t, type Locale } from '../../core/i18n/messages.js';
import { formatHour } from '../../core/schedule/checkins.js';

export function WeekdayOptions({ locale, selected }: { locale: Locale; selected: string }) {
  return (
    <>
      {([1, 2, 3, 4, 5, 6, 7] as const).map((day) => (
        <option value={String(day)} selected={selected === String(day)}>
          {t(locale, `weekday.${day}`)}
        </option>
      ))}
    </>
  );
}

export function HourOptions({ selected }: { selected: string }) {
  return (
    <>
      {Array.from({ length: 24 }, (_, h) => (
        <option value={String(h)} selected={selected === String(h)}>
          {formatHour(h)}
        </option>
      ))}
    </>
  );
}
