// A week link's expiry is the goal's end (its final report as scheduled, plus a day), not "now + n": two
// views of one goal page sign the very same claims. Signing them once and handing the same token out again
// changes no link's meaning or lifetime, and takes the goal page's signatures (an AES seal and an HMAC per
// week) and its time-zone computation off every view but the first. Both caches are per process and bounded.
import { BoundedMemo } from '../bounded-memo.js';
import type { SigningKeys } from '../tokens/tokens.js';

/** Final-report instants (epoch seconds) by schedule: a luxon zone computation each. */
export const goalEnds = new BoundedMemo<number>(1000);

// Per signing-key set (a rotated or test config has its own), tokens by their full claims.
const tokensByKeys = new WeakMap<SigningKeys, BoundedMemo<string>>();

/** The token for these claims (`claimsKey` names all of them), signed once per process and key set. */
export function signedOnce(keys: SigningKeys, claimsKey: string, sign: () => string): string {
  let memo = tokensByKeys.get(keys);
  if (!memo) tokensByKeys.set(keys, (memo = new BoundedMemo<string>(5000)));
  return memo.get(claimsKey, sign);
}
