// The parts of an email that repeat per week or per button. They are built here, escaped, and put into
// the compiled templates' raw {{{slots}}}: tables, HTML attributes and inline styles, because Outlook on
// Windows reads only those (no padding on links, no inline-block, no min-width) and Yahoo turns a CSS
// height into min-height. Class names are the dark scheme's hooks (templates/dark-mode.ts).
import { escapeHtml } from '../../../templates/escape.js';
import { light } from '../../../templates/palette.js';

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

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * One bulletproof button: the coloured cell carries the size for Outlook (mso-padding-alt), the link
 * carries it everywhere else, so the whole 44 px is clickable there. Each sits in a left-aligned table,
 * so a row of them wraps on a phone instead of running off the edge or merging into one strip.
 */
function buttonHtml(b: EmailButton): string {
  return (
    `<table role="presentation" align="left" border="0" cellpadding="0" cellspacing="0"><tr><td class="k-button" style="padding:0 8px 8px 0">` +
    `<table role="presentation" border="0" cellpadding="0" cellspacing="0"><tr>` +
    `<td align="center" valign="middle" bgcolor="${light.accent}" style="border-radius:6px;background-color:${light.accent};mso-padding-alt:12px 18px">` +
    `<a href="${escapeHtml(b.url)}" style="display:inline-block;padding:12px 18px;mso-padding-alt:0;border-radius:6px;` +
    `font-family:${FONT};font-size:18px;line-height:20px;font-weight:bold;color:${light.onAccent};text-decoration:none;text-align:center;white-space:nowrap">` +
    `${escapeHtml(b.label)}</a></td></tr></table></td></tr></table>`
  );
}

export function buttonsHtml(buttons: EmailButton[]): string {
  return `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0"><tr><td>${buttons.map(buttonHtml).join('')}</td></tr></table>`;
}

export function buttonsText(buttons: EmailButton[]): string {
  return buttons.map((b) => `  ${b.label}: ${b.url}`).join('\n');
}

const BAR_HEIGHT = 14;

/** A bar: the HTML height and bgcolor attributes too, which Yahoo and Outlook keep when they drop CSS. */
function barHtml(widthPercent: number, onTarget: boolean): string {
  const colour = onTarget ? light.accent : light.under;
  return (
    `<table role="presentation" width="${widthPercent}%" border="0" cellpadding="0" cellspacing="0"><tr>` +
    `<td class="${onTarget ? 'k-bar-on' : 'k-bar-under'}" height="${BAR_HEIGHT}" bgcolor="${colour}" ` +
    `style="height:${BAR_HEIGHT}px;background-color:${colour};font-size:1px;line-height:1px;mso-line-height-rule:exactly">&nbsp;</td></tr></table>`
  );
}

export interface ChartText {
  /** "Your weeks so far", shown above the chart as a second-level heading. */
  heading: string;
  /** "✓ = weekly target reached (2 or more)": the tick says it, not only the colour. */
  legend: string;
}

/** Horizontal bars, one row a week, scaled to the largest of the counts and the target. */
export function chartHtml(rows: ChartRow[], target: number, words: ChartText): string {
  const max = Math.max(target, ...rows.map((r) => r.count ?? 0), 1);
  const cell = `font-family:${FONT};font-size:14px;line-height:20px;word-break:normal;white-space:nowrap`;
  const body = rows
    .map((row) => {
      const bar =
        row.count === null
          ? `<span class="k-empty" style="color:${light.muted};font-size:13px">${escapeHtml(row.emptyLabel)}</span>`
          : barHtml(Math.max(2, Math.round((row.count / max) * 100)), row.onTarget === true);
      const value = row.count === null ? '–' : `${row.count}${row.onTarget ? '&nbsp;✓' : ''}`;
      return (
        `<tr><td class="k-muted" style="padding:4px 10px 4px 0;color:${light.muted};${cell}">${escapeHtml(row.label)}</td>` +
        `<td width="100%" style="padding:4px 0;font-size:13px;line-height:20px">${bar}</td>` +
        `<td class="k-strong" align="right" width="52" style="padding:4px 0 4px 10px;font-weight:bold;text-align:right;color:${light.text};${cell}">${value}</td></tr>`
      );
    })
    .join('');
  return (
    `<h2 style="margin:0 0 8px;font-family:${FONT};font-size:18px;line-height:24px;font-weight:bold;color:${light.text}">${escapeHtml(words.heading)}</h2>` +
    `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0">${body}</table>` +
    `<p class="k-muted" style="margin:8px 0 0;font-family:${FONT};font-size:13px;line-height:20px;color:${light.muted}">${escapeHtml(words.legend)}</p>`
  );
}

export function chartText(rows: ChartRow[], words: ChartText): string {
  const lines = rows.map((r) => `  ${r.label}: ${r.count === null ? r.emptyLabel : r.count}${r.onTarget ? ' ✓' : ''}`);
  return `${words.heading}:\n${lines.join('\n')}\n  ${words.legend}\n`;
}
