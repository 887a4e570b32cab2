// One-click cheers from the digest: 👏 or 💪 from one member to another, each kind once per sender, member and
// circle week, relayed to the member by the sender's name. A member who left (either one) closes the link.
import { noticeEmail } from '../emails/notice.js';
import { unlinked } from '../emails/unlinked.js';
import { InvalidToken } from '../errors.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import type { TokenClaims } from '../tokens/tokens.js';
import { CircleClosed, NotInCircle } from './circle-errors.js';
import { cheerKinds, type CheerKind } from './circle-links.js';
import type { CircleMember } from './circle.js';

export interface Cheer {
  circleId: string;
  from: CircleMember;
  to: CircleMember;
  week: number;
  kind: CheerKind;
  vars: { name: string; cheer: string };
}

export async function cheerOf(deps: Pick<Deps, 'store'>, claims: TokenClaims): Promise<Cheer> {
  const [circleId, fromId, toId] = claims.subject;
  const kind = cheerKinds[claims.value ?? -1];
  if (!circleId || !fromId || !toId || !kind || claims.week === undefined) throw new InvalidToken('cheer token incomplete');
  const items = await deps.store.getCircle(circleId);
  if (!items || items.circle.status !== 'open') throw new CircleClosed();
  const from = items.members.find((m) => m.goalId === fromId);
  const to = items.members.find((m) => m.goalId === toId);
  if (!from || !to) throw new NotInCircle();
  const cheer = kind === 'clap' ? '👏' : '💪';
  return { circleId, from, to, week: claims.week, kind, vars: { name: unlinked(to.name), cheer } };
}

/** True when sent now; false when this cheer was sent already this week. */
export async function sendCheer(deps: Deps, cheer: Cheer): Promise<boolean> {
  const mark = `CHEER#${String(cheer.week).padStart(2, '0')}#${cheer.from.goalId}#${cheer.to.goalId}#${cheer.kind}`;
  if (!(await deps.store.markCircleOnce(cheer.circleId, mark))) return false;
  const goal = await deps.store.getGoal(cheer.to.owner, cheer.to.goalId);
  if (!goal) return true;
  const vars = { name: unlinked(cheer.from.name), cheer: cheer.vars.cheer };
  const locale = goal.locale;
  await deps.mailer.send(noticeEmail(deps.config, goal, { subject: t(locale, 'circle.cheerNotice.subject', vars), body: t(locale, 'circle.cheerNotice.body', vars) }, deps.clock.now()));
  return true;
}
