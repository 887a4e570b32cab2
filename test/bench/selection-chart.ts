// The due-goal selection curve as an SVG for the README: tick time for 1,000 due goals against the size of
// the table (log scale), with the Scan at the largest size written beside it (it would not fit the scale).
export interface SelectionPoint {
  goals: number;
  tickMs: number;
  scanMs?: number;
}

const W = 560;
const H = 260;
const PAD = { left: 56, right: 150, top: 28, bottom: 44 };

export function selectionChartSvg(points: SelectionPoint[], caption: string): string {
  const xs = points.map((p) => Math.log10(p.goals));
  const [xMin, xMax] = [Math.min(...xs), Math.max(...xs)];
  const yMax = Math.max(...points.map((p) => p.tickMs)) * 1.5;
  const x = (goals: number) => PAD.left + ((Math.log10(goals) - xMin) / (xMax - xMin || 1)) * (W - PAD.left - PAD.right);
  const y = (ms: number) => H - PAD.bottom - (ms / yMax) * (H - PAD.top - PAD.bottom);
  const base = points[0]!.tickMs;
  const line = points.map((p) => `${x(p.goals).toFixed(1)},${y(p.tickMs).toFixed(1)}`).join(' ');
  const ticks = [0, yMax / 3, (2 * yMax) / 3, yMax].map((ms) => Math.round(ms));
  const largest = points.at(-1)!;
  const text = (tx: number, ty: number, body: string, anchor = 'middle', extra = '') =>
    `<text x="${tx.toFixed(1)}" y="${ty.toFixed(1)}" text-anchor="${anchor}"${extra}>${body}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="12" role="img" aria-label="${caption}">`,
    `<title>${caption}</title>`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    ...ticks.map((ms) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#e4e7eb"/>` + text(PAD.left - 6, y(ms) + 4, `${ms} ms`, 'end', ' fill="#52606d"')),
    // The target: the largest table at most 1.2× the smallest.
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(base * 1.2)}" y2="${y(base * 1.2)}" stroke="#c0392b" stroke-dasharray="4 4"/>`,
    text(W - PAD.right + 6, y(base * 1.2) + 4, 'target: 1.2× the 1,000 case', 'start', ' fill="#c0392b"'),
    `<polyline points="${line}" fill="none" stroke="#0b6e4f" stroke-width="2.5"/>`,
    ...points.map(
      (p) =>
        `<circle cx="${x(p.goals)}" cy="${y(p.tickMs)}" r="4" fill="#0b6e4f"/>` +
        text(x(p.goals), y(p.tickMs) - 10, `${p.tickMs.toFixed(0)} ms (${(p.tickMs / base).toFixed(2)}×)`) +
        text(x(p.goals), H - PAD.bottom + 18, `${p.goals.toLocaleString('en')} goals`, 'middle', ' fill="#52606d"'),
    ),
    largest.scanMs
      ? text(W - PAD.right + 6, y(largest.tickMs) + 24, `Scan: ${(largest.scanMs / 1000).toFixed(1)} s`, 'start', ' fill="#52606d"') +
        text(W - PAD.right + 6, y(largest.tickMs) + 40, `(${(largest.scanMs / largest.tickMs).toFixed(0)}× the tick)`, 'start', ' fill="#52606d"')
      : '',
    text(PAD.left, 16, caption, 'start', ' font-weight="bold"'),
    '</svg>',
    '',
  ].join('\n');
}
