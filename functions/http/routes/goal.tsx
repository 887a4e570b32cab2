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
import { buddyFormSchema, pauseFormSchema, resumeInstant, scheduleFormSchema, shareNotesFormSchema } from '../../core/weekly/answer-forms.js';
import { inviteAgain, nameBuddy } from '../../core/buddy/invitations.js';
import { fieldErrors } from '../../core/goals/signup-form.js';
import { updateGoal } from '../../core/goals/update.js';
import { formFields, nonce, type Env } from '../context.js';
import { deleteEverything } from '../../core/goals/delete-everything.js';
import { t } from '../../core/i18n/messages.js';
import { ErrorPage, MessagePage } from '../pages/message-page.js';
import { GoalPage, type GoalNotice } from '../pages/goal-pages.js';

const notices: readonly GoalNotice[] = ['confirmed', 'paused', 'resumed', 'rescheduled', 'stopped', 'invited', 'notes'];

export function goalRoutes(app: Hono<Env>, deps: Deps) {
  const refOf = (c: Context) => readGoalToken(deps, c.req.param('token') ?? '', 'goal');
  const pagePath = (c: Context) => `/g/${c.req.param('token')}`;

  async function renderGoal(c: Context, goal: Goal, options: { notice?: GoalNotice; errors?: Partial<Record<string, MessageKey>> } = {}) {
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
      return c.html(await renderGoal(c, goal, { errors: fieldErrors(result.error) }), 400);
    }),
    async (c) => {
      const form = c.req.valid('form');
      await rescheduleGoal(deps, refOf(c), { weekday: form.weekday as Weekday, hour: form.hour, timeZone: form.timeZone });
      return done(c, 'rescheduled');
    },
  );

  app.post(
    '/g/:token/buddy',
    zValidator('form', buddyFormSchema, async (result, c) => {
      if (result.success) return;
      const goal = await loadGoal(deps, refOf(c));
      return c.html(await renderGoal(c, goal, { errors: fieldErrors(result.error) }), 400);
    }),
    async (c) => {
      const ref = refOf(c);
      const form = c.req.valid('form');
      if (form.buddyEmail === ref.owner) {
        const goal = await loadGoal(deps, ref);
        return c.html(await renderGoal(c, goal, { errors: { buddyEmail: 'errors.buddyEmail.self' } }), 400);
      }
      await nameBuddy(deps, ref.owner, ref.goalId, { email: form.buddyEmail, name: form.buddyName });
      return done(c, 'invited');
    },
  );

  app.post('/g/:token/buddy/again', async (c) => {
    const ref = refOf(c);
    await inviteAgain(deps, ref.owner, ref.goalId);
    return done(c, 'invited');
  });

  // The checkbox sends "on" or nothing; anything else did not come from the page.
  const notFromThePage = async (c: Context) => {
    const { locale } = await loadGoal(deps, refOf(c));
    return c.html(<ErrorPage locale={locale} nonce={nonce(c)} message={t(locale, 'error.forbidden')} />, 400);
  };
  const shareNotesForm = zValidator('form', shareNotesFormSchema, (result, c) => (result.success ? undefined : notFromThePage(c)));
  app.post('/g/:token/share-notes', shareNotesForm, async (c) => {
    const ref = refOf(c);
    const shareNotes = c.req.valid('form').shareNotes === 'on';
    await updateGoal(deps.store, ref.owner, ref.goalId, (goal) => (goal.shareNotes === shareNotes ? undefined : { shareNotes }));
    return done(c, 'notes');
  });

  app.post('/g/:token/delete', async (c) => {
    const ref = refOf(c);
    const goal = await loadGoal(deps, ref);
    if ((await formFields(c)).confirm !== 'yes') {
      return c.html(await renderGoal(c, goal, { errors: { confirm: 'errors.delete.confirm' } }), 400);
    }
    await deleteEverything(deps, ref.owner);
    const locale = goal.locale;
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'goal.delete.legend')} role="status">
        <p>{t(locale, 'goal.deleted')}</p>
      </MessagePage>,
    );
  });

  app.post('/g/:token/stop', async (c) => {
    await stopGoal(deps, refOf(c));
    return done(c, 'stopped');
  });
}
