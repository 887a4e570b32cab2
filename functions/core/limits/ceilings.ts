// Service-wide ceilings: however many addresses and client addresses someone uses, Kompis sends at most
// so many confirmation and invitation emails an hour in all, and so many for owners of one email domain.
// Reaching one is an operator's signal (the CeilingReached metric, with an alarm on it in AWS).
import type { Deps } from '../ports.js';

export type CeilingKind = 'confirmation' | 'invitation';

/** The metric counted each time a ceiling holds an email back; an alarm in AWS watches it. */
export const CEILING_METRIC = 'CeilingReached';

export interface Ceilings {
  /** Confirmation emails (web and email sign-ups) per hour, service-wide. */
  confirmationsPerHour: number;
  /** Invitations to buddies per hour, service-wide. */
  invitationsPerHour: number;
  /** Each of the above per hour for owners at one email domain. */
  perDomainPerHour: number;
}

export const DEFAULT_CEILINGS: Ceilings = { confirmationsPerHour: 300, invitationsPerHour: 300, perDomainPerHour: 60 };

const HOUR_SECONDS = 3600;

/** The owner's email domain, lower-case: the key of the per-domain ceiling. */
export const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/**
 * Counts one email of `kind` for an owner and says whether it may go: false once the service-wide or the
 * owner's domain ceiling for this hour is passed (then the metric is counted, every time).
 */
export async function withinCeiling(deps: Pick<Deps, 'store' | 'clock' | 'config' | 'metrics'>, kind: CeilingKind, owner: string): Promise<boolean> {
  const ceilings = deps.config.ceilings ?? DEFAULT_CEILINGS;
  const now = deps.clock.now();
  const hour = now.toISOString().slice(0, 13);
  const expires = Math.floor(now.getTime() / 1000) + 2 * HOUR_SECONDS;
  const all = await deps.store.countRate(`ceiling-${kind}` as const, 'all', hour, expires);
  const limit = kind === 'confirmation' ? ceilings.confirmationsPerHour : ceilings.invitationsPerHour;
  const domain = await deps.store.countRate(`ceiling-${kind}-domain` as const, domainOf(owner), hour, expires);
  const reached = all > limit ? 'service' : domain > ceilings.perDomainPerHour ? 'domain' : undefined;
  if (reached) deps.metrics?.count(CEILING_METRIC, { kind, scope: reached });
  return reached === undefined;
}

/** The start of the next hour: when a deferred invitation is tried again. */
export function nextHour(now: Date): Date {
  const next = new Date(now);
  next.setUTCMinutes(0, 0, 0);
  next.setUTCHours(next.getUTCHours() + 1);
  return next;
}
