// Timing helpers for benchmarks: medians over repeated runs, reported as ratios within one process.
export async function median(runs: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Mean time of one call, in ms, over `iterations` calls after `warmup` unmeasured ones. */
export async function perCall(iterations: number, fn: () => Promise<unknown> | unknown, warmup = Math.min(2000, iterations)): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  return (performance.now() - start) / iterations;
}

export const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(1)} ms`);

/** The smallest of `blocks` measurements. */
export async function fastestOf(blocks: number, measure: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < blocks; i++) best = Math.min(best, await measure());
  return best;
}
