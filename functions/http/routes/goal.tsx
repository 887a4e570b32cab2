// /g/:token — the goal page (progress, history) and its everyday actions, each a POST answered by a
// redirect back. Export, delete everything and a new buddy are not done from here: the owner is emailed
// a link that does it, good for 30 minutes (routes/step-up.tsx), so a forwarded goal link cannot.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { buddyLabel } from '../../core/buddy/buddy-emails.js';
import { assertCanName, inviteAgain } from '../../core/buddy/invitations.js';
import { emailStepUp } from '../../core/emails/link-email.js';
import { pauseGoal, rescheduleGoal, resumeGoal, stopGoal } from '../../core/goals/actions.js';
import { loadGoal, readGoalToken, type GoalRef } from '../../core/goals/access.js';
import type { WeekAnswer } from '../../core/answers.js';
import type { Goal } from '../../core/goal.js';
import { weekPagePaths } from '../../core/links/links.js';
import { changeGoal, ChangeRefused } from '../../core/goals/change-goal.js';
import { changeFormSchema } from '../../core/goals/change-form.js';
import { isKompisAddress, pendingSuggestions, suggestAddress, withSeen } from '../../core/goals/address-typos.js';
import { signOutEveryLink } from '../../core/goals/sign-out.js';
import type { Deps } from '../../core/ports.js';
import { summarize } from '../../core/progress/progress.js';
import type { Weekday } from '../../core/schedule/checkins.js';
import { buddyFormSchema, loopFormSchema, pauseFormSchema, resumeInstant, scheduleFormSchema, shareNotesFormSchema } from '../../core/weekly/answer-forms.js';
import { fieldErrors } from '../../core/forms/signup-form.js';
import { updateGoal } from '../../core/update-goal.js';
import { formFields, nonce, stringValues, type Env } from '../context.js';
import { t } from '../../core/i18n/messages.js';
import { forget } from '../remember.js';
import { ErrorPage, MessagePage } from '../pages/message-page.js';
import { GoalPage, type GoalNotice } from '../pages/goal-page.js';
import { StopPage } from '../pages/goal-danger.js';
import type { GoalErrors } from '../pages/goal-settings.js';
import { supporterRoutes } from './supporters.js';

const notices: readonly GoalNotice[] = ['confirmed', 'paused', 'resumed', 'rescheduled', 'stopped', 'invited', 'notes', 'stepUp', 'loop', 'changed', 'unchanged', 'removed'];

export function goalRoutes(app: Hono<Env>, deps: Deps) {
  const refOf = (c: Context) => readGoalToken(deps, c.req.param('token') ?? '', 'goal');
  const pagePath = (c: Context) => `/g/${c.req.param('token')}`;
  /** The goal, if the link is current: every action checks the link generation first. */
  const open = async (c: Context): Promise<{ ref: GoalRef; goal: Goal }> => {
    const ref = refOf(c);
    return { ref, goal: await loadGoal(deps, ref) };
  };

  async function renderGoal(
    c: Context,
    goal: Goal,
    options: { notice?: GoalNotice; errors?: GoalErrors; values?: Record<string, string>; answers?: Promise<WeekAnswer[]> } = {},
  ) {
    const progress = summarize(goal, await (options.answers ?? deps.store.getWeekAnswers(goal.id)));
    const now = deps.clock.now();
    return (
      <GoalPage
        goal={goal}
        progress={progress}
        nonce={nonce(c)}
        path={pagePath(c)}
        weekPath={weekPagePaths(deps.config, goal, now)}
        notice={options.notice}
        errors={options.errors ?? {}}
        values={options.values ?? {}}
        now={now}
      />
    );
  }

  const done = (c: Context, notice: GoalNotice) => c.redirect(`${pagePath(c)}?done=${notice}`, 303);
  supporterRoutes(app, deps, { open, renderGoal, done });

  app.get('/g/:token', async (c) => {
    // The goal and its answers read at once (the token names both): shown only once the goal has checked the link.
    const ref = refOf(c);
    const answers = deps.store.getWeekAnswers(ref.goalId);
    answers.catch(() => {}); // a refused link never awaits it
    const goal = await loadGoal(deps, ref);
    const asked = c.req.query('done') as GoalNotice | undefined;
    return c.html(await renderGoal(c, goal, { answers, ...(asked && notices.includes(asked) ? { notice: asked } : {}) }));
  });

  // The download itself comes by email (a step-up link); this page, and the goal page, ask for it.
  app.get('/g/:token/export', async (c) => {
    const { goal } = await open(c);
    const locale = goal.locale;
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'goal.export.legend')}>
        <p>{t(locale, 'goal.export.hint')}</p>
        <form method="post" action={c.req.path}>
          <button type="submit">{t(locale, 'goal.export.button')}</button>
        </form>
      </MessagePage>,
    );
  });

  app.post('/g/:token/export', async (c) => {
    const { goal } = await open(c);
    await emailStepUp(deps, goal, 'export');
    return done(c, 'stepUp');
  });

  app.post(
    '/g/:token/pause',
    zValidator('form', pauseFormSchema, async (result, c) => {
      if (result.success) return;
      const { goal } = await open(c);
      return c.html(await renderGoal(c, goal, { errors: { resumeOn: 'errors.date.invalid' }, values: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const { ref, goal } = await open(c);
      const { resumeOn } = c.req.valid('form');
      const resumeAt = resumeOn ? resumeInstant(resumeOn, goal.timeZone, deps.clock.now()) : undefined;
      if (resumeOn && !resumeAt) return c.html(await renderGoal(c, goal, { errors: { resumeOn: 'errors.date.invalid' }, values: { resumeOn } }), 400);
      await pauseGoal(deps, ref, resumeAt);
      return done(c, 'paused');
    },
  );

  // Change the goal: its words, weekly number or weeks, from the week after the one being lived.
  app.post('/g/:token/change', async (c) => {
    const { ref, goal } = await open(c);
    const values = stringValues(await formFields(c));
    const parsed = changeFormSchema.safeParse(values);
    if (!parsed.success) return c.html(await renderGoal(c, goal, { errors: fieldErrors(parsed.error) as GoalErrors, values }), 400);
    try {
      const { change } = await changeGoal(deps, ref, { text: parsed.data.goal, perWeek: parsed.data.perWeek, weeks: parsed.data.weeks });
      return done(c, change ? 'changed' : 'unchanged');
    } catch (error) {
      if (error instanceof ChangeRefused) return c.html(await renderGoal(c, goal, { errors: { [error.field]: error.messageKey }, values }), 400);
      throw error;
    }
  });

  app.post('/g/:token/resume', async (c) => {
    await resumeGoal(deps, (await open(c)).ref);
    return done(c, 'resumed');
  });

  app.post(
    '/g/:token/schedule',
    zValidator('form', scheduleFormSchema, async (result, c) => {
      if (result.success) return;
      const { goal } = await open(c);
      return c.html(await renderGoal(c, goal, { errors: fieldErrors(result.error) as GoalErrors, values: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const form = c.req.valid('form');
      await rescheduleGoal(deps, (await open(c)).ref, { weekday: form.weekday as Weekday, hour: form.hour, timeZone: form.timeZone });
      return done(c, 'rescheduled');
    },
  );

  app.post(
    '/g/:token/buddy',
    zValidator('form', buddyFormSchema, async (result, c) => {
      if (result.success) return;
      const { goal } = await open(c);
      return c.html(await renderGoal(c, goal, { errors: fieldErrors(result.error) as GoalErrors, values: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const { goal } = await open(c);
      const typed = c.req.valid('form');
      const raw = stringValues(await formFields(c));
      // "Use kari@gmail.com" (without script) takes the suggestion made for what was typed, nothing else.
      const fixed = raw['fix-buddyEmail'] && raw['fix-buddyEmail'] === suggestAddress(typed.buddyEmail) ? raw['fix-buddyEmail'] : undefined;
      const form = fixed ? { ...typed, buddyEmail: fixed } : typed;
      if (form.buddyEmail === goal.owner || isKompisAddress(form.buddyEmail, deps.config)) {
        const error = form.buddyEmail === goal.owner ? 'errors.buddyEmail.self' : 'errors.buddyEmail.ours';
        return c.html(await renderGoal(c, goal, { errors: { buddyEmail: error }, values: stringValues(form) }), 400);
      }
      const typo = pendingSuggestions({ buddyEmail: form.buddyEmail }, raw.typoSeen).buddyEmail;
      if (typo) {
        const values = { ...stringValues(form), typoSeen: withSeen(raw.typoSeen, [form.buddyEmail]), 'typo-buddyEmail': typo };
        return c.html(await renderGoal(c, goal, { values }));
      }
      // What can be refused now is refused now; the invitation itself waits for the emailed link.
      await assertCanName(deps, goal, form.buddyEmail);
      const buddy = { email: form.buddyEmail, ...(form.buddyName ? { name: form.buddyName } : {}) };
      await emailStepUp(deps, goal, 'buddy-change', [buddy.email, ...(buddy.name ? [buddy.name] : [])], { buddy: buddyLabel(buddy) });
      return done(c, 'stepUp');
    },
  );

  app.post('/g/:token/buddy/again', async (c) => {
    const { ref } = await open(c);
    await inviteAgain(deps, ref.owner, ref.goalId);
    return done(c, 'invited');
  });

  // The checkbox sends "on" or nothing; anything else did not come from the page.
  const notFromThePage = async (c: Context) => {
    const { locale } = (await open(c)).goal;
    return c.html(<ErrorPage locale={locale} nonce={nonce(c)} message={t(locale, 'error.forbidden')} />, 400);
  };
  const shareNotesForm = zValidator('form', shareNotesFormSchema, (result, c) => (result.success ? undefined : notFromThePage(c)));
  app.post('/g/:token/share-notes', shareNotesForm, async (c) => {
    const { ref } = await open(c);
    const shareNotes = c.req.valid('form').shareNotes === 'on';
    await updateGoal(deps.store, ref.owner, ref.goalId, (goal) => (goal.shareNotes === shareNotes ? undefined : { shareNotes }));
    return done(c, 'notes');
  });

  const loopForm = zValidator('form', loopFormSchema, (result, c) => (result.success ? undefined : notFromThePage(c)));
  app.post('/g/:token/loop', loopForm, async (c) => {
    const { ref } = await open(c);
    const form = c.req.valid('form');
    const remindersOff = form.reminders !== 'on';
    const midReportOff = form.midReport !== 'on';
    await updateGoal(deps.store, ref.owner, ref.goalId, (goal) =>
      (goal.remindersOff === true) === remindersOff && (goal.midReportOff === true) === midReportOff
        ? undefined
        : {
            remindersOff: remindersOff || undefined,
            midReportOff: midReportOff || undefined,
            ...(remindersOff ? { reminder: undefined } : {}),
            ...(midReportOff ? { midReport: undefined } : {}),
          },
    );
    return done(c, 'loop');
  });

  app.post('/g/:token/delete', async (c) => {
    const { goal } = await open(c);
    if ((await formFields(c)).confirm !== 'yes') {
      return c.html(await renderGoal(c, goal, { errors: { confirm: 'errors.delete.confirm' } }), 400);
    }
    await emailStepUp(deps, goal, 'erase');
    return done(c, 'stepUp');
  });

  // Stopping cannot be undone: the goal page links to this second step, which says what stops; only its
  // POST with confirm=yes stops. A POST without it is shown the same step (a goal that has ended already
  // still answers 409).
  const stopStep = (c: Context, goal: Goal) =>
    c.html(<StopPage goal={goal} nonce={nonce(c)} action={`${pagePath(c)}/stop`} goalPath={pagePath(c)} />);
  const running = (goal: Goal) => goal.status === 'active' || goal.status === 'paused';

  app.get('/g/:token/stop', async (c) => {
    const { goal } = await open(c);
    return running(goal) ? stopStep(c, goal) : c.redirect(pagePath(c), 303);
  });

  app.post('/g/:token/stop', async (c) => {
    const { ref, goal } = await open(c);
    if ((await formFields(c)).confirm !== 'yes' && running(goal)) return stopStep(c, goal);
    await stopGoal(deps, ref);
    return done(c, 'stopped');
  });

  app.post('/g/:token/sign-out', async (c) => {
    const { goal } = await open(c);
    await signOutEveryLink(deps, goal);
    forget(c);
    const locale = goal.locale;
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'signOut.done')} role="status">
        <p>{t(locale, 'signOut.doneBody')}</p>
      </MessagePage>,
    );
  });
}
