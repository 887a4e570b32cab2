// Spaces sends so a batch never goes faster than the allowed rate (SES's quota is per second).
export interface Pacer {
  /** Resolves when the next send may start. */
  next(): Promise<void>;
}

export function createPacer(
  maxPerSecond: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Pacer {
  const interval = 1000 / maxPerSecond;
  let nextSlot = -Infinity;
  return {
    async next() {
      const current = now();
      const slot = Math.max(current, nextSlot);
      nextSlot = slot + interval;
      if (slot > current) await sleep(slot - current);
    },
  };
}
