// Every rate counter Kompis keeps, by scope, and what its key is. The store takes only these scopes
// (Store.countRate), and the adapters keep an address-keyed counter under the address's hash and erase it
// with the person — so a new limit is one entry here, and the compiler names a scope left out.
export const rateScopes = {
  /** Invitations an owner asks for, per day. */
  invite: 'address',
  /** Invitations one buddy address receives, per day. */
  'invite-buddy': 'address',
  /** Reactions a buddy sends, per day. */
  react: 'address',
  /** Mail received from one sender, per hour. */
  inbound: 'address',
  /** Sign-ups for one address, per day. */
  'signup-address': 'address',
  /** Links a person asks to be emailed, per hour. */
  'self-mail': 'address',
  /** Sign-ups from one client address (IPv4, or IPv6 /64), per hour. */
  'signup-ip': 'client',
  /** "Find my goals" emails one address asks for, per day. */
  'find-address': 'address',
  /** "Find my goals" requests from one client address (IPv4, or IPv6 /64), per hour. */
  'find-ip': 'client',
  /** Answers to replies about one goal, per day. */
  'reply-answer': 'goal',
  /** Answers to another address writing about one goal, per week (the key names the goal and the sender's hash). */
  'other-sender': 'goal',
  /** Messages one member's replies relay to their circle, per circle week (the key names the member goal). */
  'circle-relay': 'goal',
  /** "Yes, I join" requests from one client address (IPv4, or IPv6 /64), per hour: each emails a typed address. */
  'circle-join-ip': 'client',
  /** "Yes, I join" requests to one circle, per day (the key is the circle's id). */
  'circle-join': 'circle',
  /** Service-wide ceilings (limits/ceilings.ts), per hour: all owners, and owners at one email domain. */
  'ceiling-confirmation': 'service',
  'ceiling-confirmation-domain': 'domain',
  'ceiling-invitation': 'service',
  'ceiling-invitation-domain': 'domain',
} as const satisfies Record<string, 'address' | 'client' | 'goal' | 'circle' | 'service' | 'domain'>;

export type RateScope = keyof typeof rateScopes;

/** The scopes keyed by an email address: kept under its hash, exported and erased with the person. */
export const addressRateScopes = (Object.keys(rateScopes) as RateScope[]).filter((scope) => rateScopes[scope] === 'address');
