// One tick and the sends it causes, run in this process — what `npm run dev`'s clock does every minute
// and what `kompis tick --at` does once, at any time you name.
import type { Clock, Deps } from '../core/ports.js';
import { handleSendBatch } from '../core/weekly/send.js';
import { createPacer } from '../core/emails/send-rate.js';
import { runTick } from '../core/weekly/tick.js';
import { MemoryQueue, type DrainSummary } from './memory-queue.js';

export interface WeeklyRunSummary extends DrainSummary {
  at: string;
  enqueued: number;
}

export async function runWeekly(deps: Deps, at: Date, maxSendRate: number): Promise<WeeklyRunSummary> {
  const clock: Clock = { now: () => at };
  const atDeps = { ...deps, clock };
  const queue = new MemoryQueue();
  const { enqueued } = await runTick({ store: deps.store, queue }, at);
  const pacer = createPacer(maxSendRate);
  const log = (entry: Record<string, unknown>) => console.error(JSON.stringify(entry));
  const summary = await queue.drain((records) => handleSendBatch({ ...atDeps, pacer, log }, records));
  return { at: at.toISOString(), enqueued, ...summary };
}
