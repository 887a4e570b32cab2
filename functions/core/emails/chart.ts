// The chart of weeks so far, as every email that shows one fills its two slots (HTML and text).
import type { Goal } from '../goal.js';
import { t, type Locale, type MessageKey } from '../i18n/messages.js';
import { type Progress } from '../progress/progress.js';
import { targetFor } from '../progress/targets.js';
import { chartHtml, chartText, type ChartRow } from './fragments.js';

export function chartRows(progress: Progress, locale: Locale, upTo: number): ChartRow[] {
  const week = t(locale, 'goal.history.week');
  const emptyLabel = t(locale, 'goal.chart.noAnswer');
  const pausedLabel = t(locale, 'goal.chart.paused');
  return progress.rows.slice(0, upTo).map((row) => ({
    label: `${week} ${row.week}`,
    count: row.count,
    onTarget: row.onTarget,
    emptyLabel: row.state === 'paused' ? pausedLabel : row.state === 'joker' ? t(locale, 'goal.chart.joker') : emptyLabel,
  }));
}

/** The chart of weeks 1…upTo as the two email slots, HTML and text, under a heading of the email's own. */
export function chartSlots(progress: Progress, goal: Goal, upTo: number, heading: MessageKey): { html: string; text: string } {
  const rows = chartRows(progress, goal.locale, upTo);
  // The weeks shown keep the number they had: after a change, the goal's current number may be none of theirs.
  const targets = new Set(rows.map((_, i) => targetFor(goal, i + 1)));
  const [only] = targets;
  const legend = targets.size > 1 ? t(goal.locale, 'email.chart.legend.varying') : t(goal.locale, 'email.chart.legend', { perWeek: only ?? goal.targetPerWeek });
  const words = { heading: t(goal.locale, heading), legend };
  return { html: chartHtml(rows, goal.targetPerWeek, words), text: chartText(rows, words) };
}
