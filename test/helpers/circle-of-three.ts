// A circle of three against the local stack: Ola (nb) starts "Salg", Kari (en) and Per (nb) join; Friday
// check-ins from the helpers' defaults, the clock on the Monday before the first.
import { joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import type { Goal } from '../../functions/core/goal.js';
import type { Deps } from '../../functions/core/ports.js';
import { FixedClock, freshTable, testDeps } from './deps.js';
import { uniqueEmail } from './factories.js';
import { anActiveGoal } from './goals.js';

export async function aCircleOfThree() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const goals: Goal[] = [];
  for (const [name, locale] of [['Ola', 'nb'], ['Kari', 'en'], ['Per', 'nb']] as const) goals.push(await anActiveGoal(deps, { email: uniqueEmail(name.toLowerCase()), name, locale }));
  const circle = await startCircle(deps, goals[0]!, { name: 'Salg', memberName: 'Ola' });
  for (const goal of goals.slice(1)) await joinCircle(deps, circle.id, goal, goal.ownerName!);
  return { clock, deps, goals, circle };
}
