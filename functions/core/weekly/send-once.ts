// At most one email per goal, week and kind: claim the marker with a conditional put, send, mark it sent.
// A failed send releases the claim so a retry can send it; a second caller finds the claim and sends nothing.
import type { Deps, OutgoingEmail, SendKey } from '../ports.js';
import type { Pacer } from './send-rate.js';

export type SendOnceResult = 'sent' | 'duplicate' | 'in-flight';

export async function sendOnce(
  deps: Pick<Deps, 'store' | 'mailer' | 'clock'>,
  goalId: string,
  key: SendKey,
  build: (now: Date) => Promise<OutgoingEmail> | OutgoingEmail,
  pacer?: Pacer,
): Promise<SendOnceResult> {
  const now = deps.clock.now();
  const claim = await deps.store.claimSend(goalId, key, now);
  if (claim === 'sent') return 'duplicate';
  // Its worker moves the goal on, or releases the claim and is retried; should it die, the claim goes
  // stale and the next tick's message takes it over.
  if (claim === 'in-flight') return 'in-flight';
  try {
    const email = await build(now);
    await pacer?.next();
    const { messageId } = await deps.mailer.send(email);
    await deps.store.markSent(goalId, key, messageId);
    return 'sent';
  } catch (error) {
    await deps.store.releaseSend(goalId, key).catch(() => undefined);
    throw error;
  }
}
