// /g/:token — the goal page (progress, history) and its actions, each a POST answered by a redirect back.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { pauseGoal, rescheduleGoal, resumeGoal, stopGoal } from '../../core/goals/actions.js';
import { loadGoal, readGoalToken, type GoalRef } from '../../core/goals/confirm.js';
import type { Goal } from '../../core/goals/goal.js';
import { weekPagePath } from '../../core/goals/links.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { summarize } from '../../core/progress/progress.js';
import type { Weekday } from '../../core/schedule/checkins.js';
import { pauseFormSchema, resumeInstant, scheduleFormSchema } from '../../core/weekly/answer-forms.js';
import { nonce, type Env } from '../context.js';
import { GoalPage, type GoalNotice } from '../pages/goal-pages.js';

const notices: readonly GoalNotice[] = ['confirmed', 'paused', 'resumed', 'rescheduled', 'stopped'];

export function goalRoutes(app: Hono<Env>, deps: Deps) {
  const refOf = (c: Context) => readGoalToken(deps, c.req.param('token') ?? '', 'goal');
  const pagePath = (c: Context) => `/g/${c.req.param('token')}`;

  async function renderGoal(c: Context, goal: Goal, options: { notice?: GoalNotice; errors?: { resumeOn?: MessageKey } } = {}) {
    const progress = summarize(goal, await deps.store.getWeekAnswers(goal.id));
    const now = deps.clock.now();
    return (
      <GoalPage
        goal={goal}
        progress={progress}
        nonce={nonce(c)}
        path={pagePath(c)}
        weekPath={(week) => weekPagePath(deps.config, goal, week, now)}
        notice={options.notice}
        errors={options.errors ?? {}}
      />
    );
  }

  const done = (c: Context, notice: GoalNotice) => c.redirect(`${pagePath(c)}?done=${notice}`, 303);

  app.get('/g/:token', async (c) => {
    const goal = await loadGoal(deps, refOf(c));
    const asked = c.req.query('done') as GoalNotice | undefined;
    return c.html(await renderGoal(c, goal, { ...(asked && notices.includes(asked) ? { notice: asked } : {}) }));
  });

  app.get('/g/:token/export', async (c) => {
    const ref = refOf(c);
    await loadGoal(deps, ref);
    const data = await deps.store.exportPerson(ref.owner);
    c.header('Content-Disposition', 'attachment; filename="kompis-export.json"');
    return c.json({ exportedAt: deps.clock.now().toISOString(), ...data });
  });

  app.post(
    '/g/:token/pause',
    zValidator('form', pauseFormSchema, async (result, c) => {
      if (result.success) return;
      const goal = await loadGoal(deps, refOf(c));
      return c.html(await renderGoal(c, goal, { errors: { resumeOn: 'errors.date.invalid' } }), 400);
    }),
    async (c) => {
      const ref: GoalRef = refOf(c);
      const goal = await loadGoal(deps, ref);
      const { resumeOn } = c.req.valid('form');
      const resumeAt = resumeOn ? resumeInstant(resumeOn, goal.timeZone, deps.clock.now()) : undefined;
      if (resumeOn && !resumeAt) return c.html(await renderGoal(c, goal, { errors: { resumeOn: 'errors.date.invalid' } }), 400);
      await pauseGoal(deps, ref, resumeAt);
      return done(c, 'paused');
    },
  );

  app.post('/g/:token/resume', async (c) => {
    await resumeGoal(deps, refOf(c));
    return done(c, 'resumed');
  });

  app.post(
    '/g/:token/schedule',
    zValidator('form', scheduleFormSchema, async (result, c) => {
      if (result.success) return;
      const goal = await loadGoal(deps, refOf(c));
      return c.html(await renderGoal(c, goal), 400);
    }),
    async (c) => {
      const form = c.req.valid('form');
      await rescheduleGoal(deps, refOf(c), { weekday: form.weekday as Weekday, hour: form.hour, timeZone: form.timeZone });
      return done(c, 'rescheduled');
    },
  );

  app.post('/g/:token/stop', async (c) => {
    await stopGoal(deps, refOf(c));
    return done(c, 'stopped');
  });
}
