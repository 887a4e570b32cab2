// Sign-up sends an email to whatever address is typed, so it is rationed: per client address and per
// email address, in DynamoDB counters that expire with their window.
import { LimitReached } from '../errors.js';
import type { Deps } from '../ports.js';

export const SIGNUPS_PER_IP_PER_HOUR = 20;
export const SIGNUPS_PER_ADDRESS_PER_DAY = 5;

export async function checkSignupLimits(deps: Deps, clientIp: string, email: string): Promise<void> {
  const now = deps.clock.now();
  const epoch = Math.floor(now.getTime() / 1000);
  const hour = now.toISOString().slice(0, 13);
  const day = now.toISOString().slice(0, 10);
  const byIp = await deps.store.countRate('signup-ip', clientIp, hour, epoch + 2 * 3600);
  if (byIp > SIGNUPS_PER_IP_PER_HOUR) throw new LimitReached('error.rate.signup');
  const byAddress = await deps.store.countRate('signup-address', email, day, epoch + 2 * 86400);
  if (byAddress > SIGNUPS_PER_ADDRESS_PER_DAY) throw new LimitReached('error.rate.signup');
}
