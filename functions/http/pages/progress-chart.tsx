// The progress picture: one bar per week against the target line, drawn on the server as SVG.
// Weeks without an answer are an outlined gap marked "–", never a zero bar.
import { t, type Locale } from '../../core/i18n/messages.js';
import type { Progress } from '../../core/progress/progress.js';

const BAR = 22;
const GAP = 8;
const HEIGHT = 170;
const TOP = 20;
const BOTTOM = 24;

/** `targetOf`: each week's own target, when the goal's weekly number changed (a mark per week then, not one line). */
export function ProgressChart({ progress, target, locale, targetOf }: { progress: Progress; target: number; locale: Locale; targetOf?: (week: number) => number }) {
  const rows = progress.rows;
  const weekTarget = targetOf ?? (() => target);
  const varying = rows.some((r) => weekTarget(r.week) !== target);
  const max = Math.max(target, ...rows.map((r) => Math.max(r.count ?? 0, weekTarget(r.week))), 1);
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (value: number) => TOP + plot - (value / max) * plot;
  const width = rows.length * (BAR + GAP) + GAP + 40;
  const title = t(locale, 'goal.chart.title', { perWeek: target });
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-labelledby="chart-title" preserveAspectRatio="xMinYMin meet">
        <title id="chart-title">{title}</title>
        {rows.map((row, i) => {
          const x = GAP + i * (BAR + GAP);
          const label = (
            <text x={x + BAR / 2} y={HEIGHT - 8} text-anchor="middle" class="axis">
              {row.week}
            </text>
          );
          if (row.state === 'upcoming') return label;
          if (row.count === null) {
            return (
              <g>
                <rect x={x} y={TOP} width={BAR} height={plot} class="bar-empty" />
                <text x={x + BAR / 2} y={TOP + plot / 2} text-anchor="middle" class="axis">
                  –
                </text>
                {label}
              </g>
            );
          }
          const top = y(row.count);
          return (
            <g>
              <rect x={x} y={top} width={BAR} height={Math.max(1, TOP + plot - top)} class={row.onTarget ? 'bar-on' : 'bar-under'} />
              <text x={x + BAR / 2} y={top - 3} text-anchor="middle" class="value">
                {row.count}
              </text>
              {label}
            </g>
          );
        })}
        {varying ? (
          rows.map((row, i) => {
            const x = GAP + i * (BAR + GAP);
            const at = y(weekTarget(row.week));
            return <line x1={x - 2} x2={x + BAR + 2} y1={at} y2={at} class="target" data-week-target={weekTarget(row.week)} />;
          })
        ) : (
          <line x1={0} x2={width - 40} y1={y(target)} y2={y(target)} class="target" />
        )}
        <text x={width - 36} y={y(target) + 4} class="axis">
          {t(locale, 'goal.chart.target', { perWeek: target })}
        </text>
      </svg>
    </figure>
  );
}
