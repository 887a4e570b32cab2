// Named domain errors; the HTTP layer maps each to a status and a page in one place.
import type { MessageKey } from './i18n/messages.js';

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 403 | 404 | 409 | 410 | 413 | 429 | 503;
  abstract readonly messageKey: MessageKey;
  constructor(message?: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidToken extends DomainError {
  readonly status = 400;
  readonly messageKey = 'error.token.invalid';
}

export class TokenExpired extends DomainError {
  readonly status = 410;
  readonly messageKey = 'error.token.expired';
}

/** A link from before the owner's "sign out every link": its generation is past. */
export class LinkSignedOut extends DomainError {
  readonly status = 410;
  readonly messageKey = 'error.token.signedOut';
}

export class GoalNotFound extends DomainError {
  readonly status = 404;
  readonly messageKey = 'error.goal.missing';
}

/** An answer for a week whose check-in has not been sent yet. */
export class WeekNotOpen extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.week.future';
}

/** The goal is completed or stopped: its weeks are final. */
export class GoalClosed extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.goal.closed';
}

/** A limit on invitations or reactions was reached. */
export class LimitReached extends DomainError {
  readonly status = 429;
  readonly messageKey: MessageKey;
  constructor(messageKey: MessageKey) {
    super(messageKey);
    this.messageKey = messageKey;
  }
}

/** A buddy link for an invitation or goal that is no longer theirs (declined, left, another buddy named). */
export class BuddyLinkClosed extends DomainError {
  readonly status = 410;
  readonly messageKey = 'error.buddy.closed';
}

/** The owner named a buddy who said no to, or left, one of their goals before: Kompis does not ask again. */
export class BuddyRefused extends DomainError {
  readonly status = 409;
  readonly messageKey = 'error.buddy.refused';
}

/**
 * The email that follows a change could not be sent (or Kompis could not tell whether it was): `messageKey`
 * says truthfully what was kept and what to do. Not a DomainError: the inbound path treats those as final
 * and drops the message, while this one is worth Lambda's retry there. `cause` says why it failed.
 */
export class EmailNotSent extends Error {
  constructor(
    readonly messageKey: MessageKey,
    options: { cause: unknown },
  ) {
    super(`${messageKey}: ${options.cause instanceof Error ? options.cause.message : String(options.cause)}`, options);
    this.name = 'EmailNotSent';
  }
}

/**
 * Runs the email step after a change that is already saved. A rule it meets (a DomainError: a limit, a closed
 * link) passes through as it is; any other failure becomes EmailNotSent with what was saved, instead of a page
 * that would say nothing changed.
 */
export async function afterSaved<T>(saved: MessageKey, emailStep: () => Promise<T>): Promise<T> {
  try {
    return await emailStep();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new EmailNotSent(saved, { cause: error });
  }
}
