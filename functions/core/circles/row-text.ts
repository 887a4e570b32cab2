// A member's week as the digest and the circle page say it: a number against that week's own target, a
// joker or a pause (a skip the member was entitled to, never shown as silence), no answer yet, or no check-in.
import { t, type Locale } from '../i18n/messages.js';
import type { CircleRow } from './circle.js';

/** The words for a week with no number, or undefined when it has one. */
export function rowEmptyText(locale: Locale, row: CircleRow): string | undefined {
  if (row.noCheckin) return t(locale, 'circle.row.noCheckin');
  if (row.excused) return t(locale, row.excused === 'joker' ? 'circle.row.joker' : 'circle.row.paused');
  return row.count === null ? t(locale, 'circle.row.noAnswer') : undefined;
}

export function rowNumberText(locale: Locale, row: CircleRow): string {
  return rowEmptyText(locale, row) ?? `${row.count} / ${row.target}${row.onTarget ? ' ✓' : ''}`;
}
