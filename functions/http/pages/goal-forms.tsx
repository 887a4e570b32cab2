// The goal page's forms (the settings panels, with ~430 time-zone options, the circle link and the danger zone) are a pure
// function of the goal, the page's link and what was typed. A view with nothing typed and no error — nearly
// every view — reuses their HTML from an earlier view of the same link while the goal is unchanged: the goal
// as stored is the key, so any change to it (a pause, a new buddy, a schedule) renders them afresh.
import { raw } from 'hono/html';
import type { Goal } from '../../core/goal.js';
import { BoundedMemo } from '../../core/bounded-memo.js';
import { CircleLink } from './circle-pages.js';
import { DangerZone } from './goal-danger.js';
import { GoalSettings, type GoalErrors } from './goal-settings.js';

// ~35 KB an entry: a few MB at most in a warm function.
const rendered = new BoundedMemo<string>(100);

export function GoalForms({ goal, path, errors, values }: { goal: Goal; path: string; errors: GoalErrors; values: Record<string, string> }) {
  const forms = () => (
    <>
      <GoalSettings goal={goal} path={path} errors={errors} values={values} />
      <CircleLink goal={goal} path={path} />
      <DangerZone goal={goal} path={path} errors={errors} />
    </>
  );
  if (Object.keys(errors).length > 0 || Object.keys(values).length > 0) return forms();
  return raw(rendered.get(`${path}\n${JSON.stringify(goal)}`, () => String(forms())));
}
