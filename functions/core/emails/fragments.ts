// The parts of an email that repeat per week or per button. They are built here, escaped, and put into
// the compiled templates' raw {{{slots}}}; table layout and inline styles so every mail client shows them.
import { escapeHtml } from './escape.js';

export interface EmailButton {
  label: string;
  url: string;
}

export interface ChartRow {
  label: string;
  count: number | null;
  onTarget: boolean | null;
  /** What to show instead of a number when there is no answer. */
  emptyLabel: string;
}

const GREEN = '#0b6e4f';
const AMBER = '#d9822b';
const GREY = '#9aa5b1';

const BUTTON_STYLE =
  `display:inline-block;min-width:44px;margin:0 6px 8px 0;padding:12px 14px;background:${GREEN};color:#ffffff;` +
  'border-radius:6px;font-weight:bold;font-size:18px;text-align:center;text-decoration:none;line-height:20px';

export function buttonsHtml(buttons: EmailButton[]): string {
  let links = '';
  for (const b of buttons) links += `<a href="${escapeHtml(b.url)}" style="${BUTTON_STYLE}">${escapeHtml(b.label)}</a>`;
  return `<div>${links}</div>`;
}

export function buttonsText(buttons: EmailButton[]): string {
  return buttons.map((b) => `  ${b.label}: ${b.url}`).join('\n');
}

/** Horizontal bars, one row a week, scaled to the largest of the counts and the target. */
/** `targetLabel` reads e.g. "target 2"; bars at or above the target are green, others amber. */
export function chartHtml(rows: ChartRow[], target: number, targetLabel: string): string {
  const max = Math.max(target, ...rows.map((r) => r.count ?? 0), 1);
  const body = rows
    .map((row) => {
      const width = row.count === null ? 0 : Math.max(2, Math.round((row.count / max) * 100));
      const color = row.onTarget ? GREEN : AMBER;
      const bar =
        row.count === null
          ? `<span style="color:${GREY};font-size:13px">${escapeHtml(row.emptyLabel)}</span>`
          : `<table role="presentation" width="${width}%" cellpadding="0" cellspacing="0" border="0"><tr>` +
            `<td style="background:${color};height:14px;font-size:0;line-height:0">&nbsp;</td></tr></table>`;
      const value = row.count === null ? '–' : String(row.count);
      return (
        `<tr><td style="padding:3px 8px 3px 0;font-size:13px;color:#52606d;white-space:nowrap">${escapeHtml(row.label)}</td>` +
        `<td width="100%" style="padding:3px 0">${bar}</td>` +
        `<td style="padding:3px 0 3px 8px;font-size:14px;font-weight:bold;text-align:right">${value}</td></tr>`
      );
    })
    .join('');
  const targetLine = `<tr><td></td><td style="padding-top:4px;font-size:12px;color:#52606d">${escapeHtml(targetLabel)}</td><td></td></tr>`;
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">${body}${targetLine}</table>`;
}

export function chartText(rows: ChartRow[]): string {
  return rows.map((r) => `  ${r.label}: ${r.count === null ? r.emptyLabel : r.count}${r.onTarget ? ' ✓' : ''}`).join('\n');
}
