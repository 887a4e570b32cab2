// The words on an error page depend on who is reading: a goal that is not there was never confirmed when
// its confirm link is opened (unconfirmed goals go after 7 days), was deleted when its owner's links are
// opened, and was deleted by its owner when a buddy's link is opened. The status stays the error's own.
import { DomainError, GoalClosed, GoalNotFound } from '../core/errors.js';
import type { MessageKey } from '../core/i18n/messages.js';

/** The buddy's links: an invitation, a reaction, leaving. */
const BUDDY_LINK = /^\/(i|k|bl)\//;
const CONFIRM_LINK = /^\/c\//;

export function errorMessage(error: DomainError, path: string): MessageKey {
  if (error instanceof GoalNotFound) {
    if (CONFIRM_LINK.test(path)) return error.messageKey;
    return BUDDY_LINK.test(path) ? 'error.goal.deletedBuddy' : 'error.goal.deleted';
  }
  if (error instanceof GoalClosed && BUDDY_LINK.test(path)) return 'error.goal.closedBuddy';
  return error.messageKey;
}
