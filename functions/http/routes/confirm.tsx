// /c/:token — the confirm link. GET shows a button (mail scanners open every link); POST activates.
import type { Hono } from 'hono';
import { loadGoal, readGoalToken } from '../../core/goals/access.js';
import { confirmGoal } from '../../core/goals/confirm.js';
import { goalPagePath } from '../../core/links/links.js';
import { asShownToOthers } from '../../core/emails/unlinked.js';
import type { Deps } from '../../core/ports.js';
import { nonce, type Env } from '../context.js';
import { AlreadyConfirmedPage, ConfirmPage } from '../pages/confirm-pages.js';

export function confirmRoutes(app: Hono<Env>, deps: Deps) {
  app.get('/c/:token', async (c) => {
    const goal = await loadGoal(deps, readGoalToken(deps, c.req.param('token'), 'confirm'));
    // Whoever holds a confirm link may not be who wrote the goal: its words are shown with no live links.
    if (goal.status === 'pending') return c.html(<ConfirmPage goal={asShownToOthers(goal)} nonce={nonce(c)} action={c.req.path} />);
    const goalUrl = goalPagePath(deps.config, goal, deps.clock.now());
    return c.html(<AlreadyConfirmedPage goal={goal} nonce={nonce(c)} goalUrl={goalUrl} />);
  });

  app.post('/c/:token', async (c) => {
    const { result, goal } = await confirmGoal(deps, readGoalToken(deps, c.req.param('token'), 'confirm'));
    const goalUrl = goalPagePath(deps.config, goal, deps.clock.now());
    if (result === 'activated') return c.redirect(`${goalUrl}?done=confirmed`, 303);
    return c.html(<AlreadyConfirmedPage goal={goal} nonce={nonce(c)} goalUrl={goalUrl} />);
  });
}
