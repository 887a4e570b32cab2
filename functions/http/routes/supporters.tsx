// /g/:token/supporters — add a supporter (issue 20): checked now, then done by the owner's emailed step-up
// link for a new buddy (routes/step-up.tsx), marked as an addition. /g/:token/supporters/:id/remove takes
// an added supporter off the goal; /g/:token/supporters/:id/again invites a silent one again.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { buddyLabel } from '../../core/buddy/buddy-emails.js';
import { assertCanAdd, removeSupporter } from '../../core/buddy/supporters-owner.js';
import { inviteAgain } from '../../core/buddy/invitations.js';
import { emailStepUp } from '../../core/emails/link-email.js';
import { DomainError } from '../../core/errors.js';
import { fieldErrors } from '../../core/forms/signup-form.js';
import { supporterFormSchema } from '../../core/forms/supporter-form.js';
import { isKompisAddress } from '../../core/goals/address-typos.js';
import type { GoalRef } from '../../core/goals/access.js';
import type { Goal } from '../../core/goal.js';
import type { Deps } from '../../core/ports.js';
import { stringValues, type Env } from '../context.js';
import type { GoalNotice } from '../pages/goal-page.js';
import type { GoalErrors } from '../pages/goal-settings.js';

/** The step-up link's value for "add as one more supporter" (no value: name the first buddy). */
export const ADD_SUPPORTER = 1;

export interface GoalRouteHelpers {
  open(c: Context): Promise<{ ref: GoalRef; goal: Goal }>;
  renderGoal(c: Context, goal: Goal, options: { errors?: GoalErrors; values?: Record<string, string> }): Promise<unknown>;
  done(c: Context, notice: GoalNotice): Response;
}

export function supporterRoutes(app: Hono<Env>, deps: Deps, { open, renderGoal, done }: GoalRouteHelpers) {
  const refuse = async (c: Context, goal: Goal, errors: GoalErrors, values: Record<string, string>, status: DomainError['status'] = 400) =>
    c.html((await renderGoal(c, goal, { errors, values })) as string, status);

  app.post(
    '/g/:token/supporters',
    zValidator('form', supporterFormSchema, async (result, c) => {
      if (result.success) return;
      const { goal } = await open(c);
      return refuse(c, goal, fieldErrors(result.error) as GoalErrors, stringValues(result.data));
    }),
    async (c) => {
      const { goal } = await open(c);
      const form = c.req.valid('form');
      if (form.supporterEmail === goal.owner || isKompisAddress(form.supporterEmail, deps.config)) {
        const error = form.supporterEmail === goal.owner ? 'errors.buddyEmail.self' : 'errors.buddyEmail.ours';
        return refuse(c, goal, { supporterEmail: error }, stringValues(form));
      }
      // What can be refused now is refused now, next to the field; the invitation itself waits for the emailed link.
      try {
        await assertCanAdd(deps, goal, form.supporterEmail);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return refuse(c, goal, { supporterEmail: error.messageKey }, stringValues(form), error.status);
      }
      const who = { email: form.supporterEmail, ...(form.supporterName ? { name: form.supporterName } : {}) };
      await emailStepUp(deps, goal, 'buddy-change', [who.email, ...(who.name ? [who.name] : [])], { buddy: buddyLabel(who) }, ADD_SUPPORTER);
      return done(c, 'stepUp');
    },
  );

  // Another invitation to a silent added supporter: from the added supporters' 3 (buddy/supporters.ts).
  app.post('/g/:token/supporters/:id/again', async (c) => {
    const { ref, goal } = await open(c);
    if (!goal.supporters?.some((s) => s.id === c.req.param('id'))) return done(c, 'invited');
    await inviteAgain(deps, ref.owner, ref.goalId, c.req.param('id'));
    return done(c, 'invited');
  });

  app.post('/g/:token/supporters/:id/remove', async (c) => {
    const { ref } = await open(c);
    await removeSupporter(deps, ref.owner, ref.goalId, c.req.param('id'));
    return done(c, 'removed');
  });
}
