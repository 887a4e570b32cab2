// The circle's weekly email, one per member in the member's own language: everyone's week in one table and one
// chart, one-click cheers for each other member, the shared target. Names and goal sentences were typed by
// members: they come with no live links. Addresses are never in it.
import { escapeHtml } from '../../../templates/escape.js';
import { light } from '../../../templates/palette.js';
import { buttonsHtml, buttonsText, chartHtml, chartText, type ChartRow } from '../emails/fragments.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/circle-digest.js';
import { unlinked } from '../emails/unlinked.js';
import { t, type Locale } from '../i18n/messages.js';
import { footerUrls } from '../links/links.js';
import { addressFor } from '../tokens/address-tokens.js';
import type { CoreConfig, OutgoingEmail } from '../ports.js';
import { circleRows, sharedTotal, type CircleItems, type CircleMember, type CircleRow } from './circle.js';
import { cheerKinds, cheerUrl, circlePageUrl, circleQuietUrl } from './circle-links.js';
import { rowEmptyText, rowNumberText } from './row-text.js';

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const SHORT_NAME = 14;
const shortName = (name: string) => (name.length > SHORT_NAME ? `${name.slice(0, SHORT_NAME - 1)}…` : name);

const numberText = rowNumberText;

// Each cell's text is a paragraph of its own, so a reader that flattens the table keeps the cells apart.
const para = (text: string) => `<p style="margin:0">${escapeHtml(text)}</p>`;

function tableHtml(locale: Locale, rows: CircleRow[]): string {
  const cell = `padding:6px 8px 6px 0;font-family:${FONT};font-size:14px;line-height:20px;color:${light.text};vertical-align:top;border-bottom:1px solid ${light.muted}`;
  // Header cells are <td>s: the dark scheme recolours a card's td (templates/dark-mode.ts), not its th.
  const head = ['name', 'goal', 'number', 'streak'].map((k) => `<td style="${cell};font-weight:bold">${para(t(locale, `circle.table.${k}` as 'circle.table.name'))}</td>`).join('');
  const body = rows
    .map((r) => `<tr>${[[r.name, 'font-weight:bold'], [r.goalSentence, ''], [numberText(locale, r), 'white-space:nowrap'], [String(r.streak), '']].map(([text, style]) => `<td style="${cell};${style}">${para(text!)}</td>`).join('')}</tr>`)
    .join('');
  return `<table role="presentation" width="100%" border="0" cellpadding="0" cellspacing="0"><tr>${head}</tr>${body}</table>`;
}

function tableText(locale: Locale, rows: CircleRow[]): string {
  return rows.map((r) => `- ${r.name}: ${numberText(locale, r)} · ${t(locale, 'circle.table.streak')} ${r.streak}\n  "${r.goalSentence}"`).join('\n');
}

/** What members see of each other: names and goal sentences made plain. */
export function shownRows(items: CircleItems, until: string): CircleRow[] {
  return circleRows(items.members, items.circle.weekStart, until).map((r) => ({ ...r, name: unlinked(r.name), goalSentence: unlinked(r.goalSentence) }));
}

export function sharedLine(locale: Locale, items: CircleItems): string {
  const target = items.circle.sharedTarget;
  return target ? t(locale, 'circle.shared.line', { text: unlinked(target.text), sum: sharedTotal(items.members), total: target.total }) : '';
}

export function digestEmail(config: CoreConfig, items: CircleItems, to: CircleMember, now: Date): OutgoingEmail {
  const { circle } = items;
  const locale = to.locale;
  const rows = shownRows(items, now.toISOString());
  // The chart's labels stay on one line: a long name is shortened there (the table has it whole).
  // A joker or pause says so in the chart too; silence stays a blank bar.
  const chartRows: ChartRow[] = rows.map((r) => ({ label: shortName(r.name), count: r.count, onTarget: r.onTarget, emptyLabel: r.excused ? (rowEmptyText(locale, r) ?? '') : '' }));
  const words = { heading: t(locale, 'circle.chart.heading'), legend: t(locale, 'circle.chart.legend') };
  const max = Math.max(...rows.map((r) => r.target), 1);
  const cheers = rows
    .filter((r) => r.goalId !== to.goalId && !r.noCheckin)
    .flatMap((r) => cheerKinds.map((kind) => ({ label: t(locale, `circle.cheer.${kind}`, { name: r.name }), url: cheerUrl(config, circle.id, to.goalId, r.goalId, circle.week, kind, now) })));
  const rendered = renderEmail(
    'circle-digest',
    locale,
    {
      circle: unlinked(circle.name),
      week: circle.week,
      shared: sharedLine(locale, items),
      circleUrl: circlePageUrl(config, circle.id, { owner: to.owner, id: to.goalId }, now),
      ...footerUrls(config, to.owner, locale, now),
    },
    {
      html: { table: tableHtml(locale, rows), chart: chartHtml(chartRows, max, words), cheers: cheers.length ? buttonsHtml(cheers) : '' },
      text: { table: tableText(locale, rows), chart: chartText(chartRows, words), cheers: buttonsText(cheers) },
    },
  );
  // A reply is a message to the circle (circles/relay.ts): the address names the member's goal and the circle week.
  const replyTo = addressFor(config.keys, { purpose: 'circle', goalId: to.goalId, week: circle.week }, config.inboundDomain);
  // One of a series: the mail client's "unsubscribe" stops this member's circle email (not their check-ins).
  const headers = {
    'List-Unsubscribe': `<${circleQuietUrl(config, circle.id, { owner: to.owner, id: to.goalId }, now)}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
  };
  return { to: to.owner, ...rendered, replyTo, headers };
}
