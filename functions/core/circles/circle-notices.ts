// The one short email a member gets when they are out of a circle without having chosen it: the organiser
// removed them, or the circle closed. In the member's goal's language, through the notice kind; the mailer
// skips suppressed addresses. Best effort: the change is already saved, a mail that fails is not retried.
import { t } from '../i18n/messages.js';
import { noticeEmail } from '../emails/notice.js';
import type { Deps } from '../ports.js';
import type { Circle, CircleMember } from './circle.js';
import { unlinked } from '../emails/unlinked.js';

export type CircleNotice = 'removed' | 'closed';

export async function sendCircleNotice(deps: Deps, circle: Pick<Circle, 'name'>, member: CircleMember, notice: CircleNotice): Promise<void> {
  const goal = await deps.store.getGoal(member.owner, member.goalId);
  if (!goal) return;
  const vars = { circle: unlinked(circle.name) };
  const content = { subject: t(goal.locale, `circle.notice.${notice}.subject`, vars), body: t(goal.locale, `circle.notice.${notice}.body`, vars) };
  try {
    await deps.mailer.send(noticeEmail(deps.config, goal, content, deps.clock.now()));
  } catch {
    // Told or not, the member is out: the circle page and digests already say so.
  }
}
