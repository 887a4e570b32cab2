// What can go wrong with a circle, as pages say it.
import { DomainError } from '../errors.js';

/** The circle was closed (or never was): its links open nothing. */
export class CircleClosed extends DomainError {
  readonly status = 410;
  readonly messageKey = 'error.circle.closed';
}

export class CircleFull extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.circle.full';
}

/** The goal is in a circle already (one circle per goal). */
export class CircleTaken extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.circle.taken';
}

/** The organiser's way out is closing the circle, never leaving it or removing their own goal. */
export class OrganiserStays extends DomainError {
  readonly status = 403;
  readonly messageKey = 'error.circle.organiserStays';
}

/** The person is in this circle already (one goal per person). */
export class AlreadyInCircle extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.circle.alreadyIn';
}

/** Only the organiser may do this (change the shared target, remove, close). */
export class OrganiserOnly extends DomainError {
  readonly status = 403;
  readonly messageKey = 'error.circle.organiserOnly';
}

/** The link is not the organiser's, or names a member no longer there. */
export class NotInCircle extends DomainError {
  readonly status = 403;
  readonly messageKey = 'error.circle.notMember';
}

/** The organiser took this person out of the circle: links they had before do not bring them back. */
export class RemovedFromCircle extends DomainError {
  readonly status = 403;
  readonly messageKey = 'error.circle.removed';
}
