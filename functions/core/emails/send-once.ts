// At most one email per goal, week and kind: claim the marker with a conditional put, send, mark it sent.
// A send that surely failed releases the claim so a retry can send it; a send whose outcome is unknown
// keeps it — SES's Send event marks it sent if SES accepted the email, and a claim left "sending" for
// STALE_CLAIM_MS was never accepted and is taken over. A second caller finds the claim and sends nothing.
import { SendOutcomeUnknown, type Deps, type OutgoingEmail, type SendKey } from '../ports.js';
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
  let messageId: string;
  try {
    const email = await build(now);
    await pacer?.next();
    ({ messageId } = await deps.mailer.send({ ...email, sendKey: { goalId, ...key } }));
  } catch (error) {
    if (!(error instanceof SendOutcomeUnknown)) await deps.store.releaseSend(goalId, key).catch(() => undefined);
    throw error;
  }
  // The email is out. Should this write fail, SES's Send event marks the claim; releasing it here
  // would send the email twice.
  await deps.store.markSent(goalId, key, messageId).catch(() => undefined);
  return 'sent';
}
