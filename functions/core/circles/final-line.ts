// The shared target in a member's final report: "Your circle's shared target: 15 of 20 — meetings this quarter".
import type { Goal } from '../goal.js';
import { unlinked } from '../emails/unlinked.js';
import { t } from '../i18n/messages.js';
import type { Deps } from '../ports.js';
import { sharedTotal } from './circle.js';

export async function finalCircleLine(deps: Pick<Deps, 'store'>, goal: Pick<Goal, 'circle' | 'locale'>): Promise<string> {
  const items = goal.circle ? await deps.store.getCircle(goal.circle) : undefined;
  const target = items?.circle.sharedTarget;
  if (!items || !target) return '';
  return t(goal.locale, 'circle.shared.final', { text: unlinked(target.text), sum: sharedTotal(items.members), total: target.total });
}
