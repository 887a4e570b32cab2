// /r/:token — a check-in button's landing page; /w/:token — a week's page (change, note, channel).
// Mail scanners open every link, and sandboxes run its scripts minutes or hours after delivery, so a GET
// never records, and the landing page submits itself only in a browser the owner asked to remember (a
// cookie no sandbox holds); anywhere else it waits for one real click. Neither page links to the goal
// page: a forwarded check-in opens one week, and "email me my goal page" sends a link to the owner.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { emailGoalPage } from '../../core/emails/link-email.js';
import { GoalClosed, GoalNotFound, InvalidToken } from '../../core/errors.js';
import { goalRef, loadGoal } from '../../core/goals/access.js';
import type { Goal } from '../../core/goal.js';
import { weekPagePath } from '../../core/links/links.js';
import type { Deps } from '../../core/ports.js';
import { summarize } from '../../core/progress/progress.js';
import { verifyToken, type TokenPurpose } from '../../core/tokens/tokens.js';
import { planFormSchema, weekFormSchema } from '../../core/weekly/answer-forms.js';
import { PlanDayPassed, setPlan } from '../../core/weekly/plan.js';
import type { Weekday } from '../../core/schedule/checkins.js';
import type { PlanErrors } from '../pages/plan-form.js';
import { assertWeekOpen, recordAnswer } from '../../core/weekly/record.js';
import { jokersLeft, useJoker } from '../../core/weekly/jokers.js';
import { exactCount, isOrMore } from '../../core/weekly/or-more.js';
import { formFields, nonce, stringValues, type Env } from '../context.js';
import { fieldErrors } from '../../core/forms/signup-form.js';
import { forget, isRemembered, remember } from '../remember.js';
import { RecordPage, WeekPage, type WeekFormErrors } from '../pages/week-pages.js';

interface WeekLink {
  goal: Goal;
  week: number;
  value?: number;
}

export function checkinRoutes(app: Hono<Env>, deps: Deps) {
  async function open(c: Context, purpose: TokenPurpose): Promise<WeekLink> {
    const claims = verifyToken(deps.config.keys, c.req.param('token') ?? '', purpose, deps.clock.now());
    if (claims.week === undefined) throw new InvalidToken('token names no week');
    const goal = await loadGoal(deps, goalRef(claims));
    return { goal, week: claims.week, ...(claims.value === undefined ? {} : { value: claims.value }) };
  }

  async function weekPage(
    c: Context,
    link: WeekLink,
    extra: { errors?: WeekFormErrors; values?: Record<string, string>; notice?: 'saved' | 'goalLinkSent'; planErrors?: PlanErrors; planValues?: Record<string, string> } = {},
  ) {
    const { goal, week } = link;
    const answers = await deps.store.getWeekAnswers(goal.id);
    return (
      <WeekPage
        goal={goal}
        week={week}
        answer={answers.find((a) => a.week === week)}
        progress={summarize(goal, answers)}
        nonce={nonce(c)}
        action={`/w/${c.req.param('token')}`}
        notice={extra.notice}
        errors={extra.errors ?? {}}
        values={extra.values ?? {}}
        jokersLeft={jokersLeft(goal, answers)}
        planErrors={extra.planErrors}
        planValues={extra.planValues}
      />
    );
  }

  app.get('/r/:token', async (c) => {
    const link = await open(c, 'record');
    assertWeekOpen(link.goal, link.week);
    const count = link.value ?? 0;
    return c.html(
      <RecordPage goal={link.goal} week={link.week} count={count} nonce={nonce(c)} action={c.req.path}
        autoSubmit={isRemembered(deps, c, link.goal)} orMore={isOrMore(link.goal, link.week, count)} />,
    );
  });

  app.post('/r/:token', async (c) => {
    const link = await open(c, 'record');
    if (link.value === undefined) throw new GoalNotFound('record token without a value');
    const fields = await formFields(c);
    const rememberMe = fields.remember === 'on';
    // "N or more": the exact number typed, N or above; without the field (an old page) N itself.
    const orMore = isOrMore(link.goal, link.week, link.value);
    const exact = orMore && fields.count !== undefined ? exactCount(fields.count, link.value) : link.value;
    if (exact === undefined) {
      return c.html(<RecordPage goal={link.goal} week={link.week} count={link.value} nonce={nonce(c)} action={c.req.path} autoSubmit={false} orMore countError />, 400);
    }
    await recordAnswer(deps, link.goal, link.week, { count: exact, source: 'click' });
    if (rememberMe) remember(deps, c, link.goal);
    else forget(c);
    return c.redirect(weekPagePath(deps.config, link.goal, link.week, deps.clock.now()), 303);
  });

  app.get('/w/:token', async (c) => {
    const link = await open(c, 'week');
    const notice = c.req.query('saved') === '1' ? 'saved' : c.req.query('sent') === '1' ? 'goalLinkSent' : undefined;
    return c.html(await weekPage(c, link, { notice }));
  });

  app.post('/w/:token/joker', async (c) => {
    const link = await open(c, 'week');
    await useJoker(deps, link.goal, link.week, 'web');
    return c.redirect(`/w/${c.req.param('token')}`, 303);
  });

  app.post(
    '/w/:token/plan',
    zValidator('form', planFormSchema, async (result, c) => {
      if (result.success) return;
      const planErrors = fieldErrors(result.error) as PlanErrors;
      return c.html(await weekPage(c, await open(c, 'week'), { planErrors, planValues: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const link = await open(c, 'week');
      const form = c.req.valid('form');
      try {
        await setPlan(deps, link.goal, link.week, { text: form.planText, weekday: form.planDay as Weekday, hour: form.planHour, minute: 0 }, form.planEmail === 'on');
      } catch (error) {
        if (!(error instanceof PlanDayPassed)) throw error;
        return c.html(await weekPage(c, link, { planErrors: { planDay: error.messageKey }, planValues: { ...stringValues(form), planDay: String(form.planDay), planHour: String(form.planHour) } }), 400);
      }
      return c.redirect(`/w/${c.req.param('token')}#plan`, 303);
    },
  );

  app.post('/w/:token/goal-link', async (c) => {
    const link = await open(c, 'week');
    await emailGoalPage(deps, link.goal);
    return c.redirect(`/w/${c.req.param('token')}?sent=1`, 303);
  });

  // A goal that ended while its week page was open (stopped, or its final report went out): nothing is
  // saved, and the page shows the week as it stands with what the person typed, to copy — never lost text.
  const closed = (goal: Goal) => goal.status === 'completed' || goal.status === 'stopped';
  const tooLate = async (c: Context, values: Record<string, string>) => c.html(await weekPage(c, await open(c, 'week'), { values }), 409);

  app.post(
    '/w/:token',
    zValidator('form', weekFormSchema, async (result, c) => {
      if (result.success) return;
      const link = await open(c, 'week');
      if (closed(link.goal)) return tooLate(c, stringValues(result.data));
      const errors = fieldErrors(result.error) as WeekFormErrors;
      return c.html(await weekPage(c, link, { errors, values: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const link = await open(c, 'week');
      const form = c.req.valid('form');
      const typed = { count: String(form.count), note: form.note ?? '' };
      if (closed(link.goal)) return tooLate(c, typed);
      const existing = (await deps.store.getWeekAnswers(link.goal.id)).find((a) => a.week === link.week);
      // A changed number from this page is a web answer; a note or channel added to a click keeps its source.
      const source = existing && existing.count === form.count ? existing.source : 'web';
      try {
        await recordAnswer(deps, link.goal, link.week, { count: form.count, note: form.note, channel: form.channel, source });
      } catch (error) {
        if (error instanceof GoalClosed) return tooLate(c, typed);
        throw error;
      }
      return c.redirect(`${c.req.path}?saved=1`, 303);
    },
  );
}
