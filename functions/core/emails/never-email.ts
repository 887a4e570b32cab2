// "Never email me again", a link in every email: whoever holds it can stop all Kompis mail to the one
// address it names, and nothing else. The address is suppressed like a complaint: by hash, for good.
import type { Deps } from '../ports.js';
import { InvalidToken } from '../errors.js';
import { verifyToken } from '../tokens/tokens.js';

/** The address a "never email me again" link names; throws InvalidToken / TokenExpired. */
export function readNeverToken(deps: Pick<Deps, 'config' | 'clock'>, token: string): string {
  const [address] = verifyToken(deps.config.keys, token, 'never', deps.clock.now()).subject;
  if (!address) throw new InvalidToken('never token names no address');
  return address;
}

export async function neverEmailAgain(deps: Pick<Deps, 'store' | 'clock'>, address: string): Promise<void> {
  await deps.store.suppress(address, 'unsubscribe', deps.clock.now().toISOString());
}
