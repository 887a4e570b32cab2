// Running the weekly machinery in tests: tick + send at a given time, on the real store and mailer.
import type { Deps, Mailer } from '../../functions/core/ports.js';
import { runWeekly } from '../../functions/local/weekly-run.js';

/** Fast enough for tests; the pacing itself has its own unit test. */
const TEST_SEND_RATE = 1000;

export function tickAt(deps: Deps, iso: string) {
  return runWeekly(deps, new Date(iso), TEST_SEND_RATE);
}

/** A mailer that fails its first `failures` sends, to see retries at work. */
export function flakyMailer(inner: Mailer, failures: number): Mailer & { attempts: number } {
  const flaky = {
    attempts: 0,
    async send(email: Parameters<Mailer['send']>[0]) {
      flaky.attempts++;
      if (flaky.attempts <= failures) throw new Error('injected send failure');
      return inner.send(email);
    },
  };
  return flaky;
}
