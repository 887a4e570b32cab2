// The local stand-in for the EventBridge schedule: a tick every minute on the real clock (production
// ticks every 15 minutes; a missed tick is caught up either way). Runs never overlap.
import type { Deps } from '../core/ports.js';
import { runWeekly } from './weekly-run.js';

export const LOCAL_TICK_MS = 60_000;

export function startClock(deps: Deps, maxSendRate: number): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const summary = await runWeekly(deps, new Date(), maxSendRate);
      if (summary.enqueued) console.log(`tick ${summary.at}: ${summary.enqueued} due, ${summary.outcomes.sent} sent`);
    } catch (error) {
      console.error(`tick failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, LOCAL_TICK_MS);
  void tick();
  return { stop: () => clearInterval(timer) };
}
