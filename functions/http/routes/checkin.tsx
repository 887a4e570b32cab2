// /r/:token — a check-in button's landing page; /w/:token — a week's page (change, note, channel).
// Mail scanners open every link and may run scripts at delivery, so a GET never records, and the
// landing page submits itself only when opened more than five minutes after the email was sent.
import { zValidator } from '@hono/zod-validator';
import type { Context, Hono } from 'hono';
import { GoalNotFound, InvalidToken } from '../../core/errors.js';
import { loadGoal } from '../../core/goals/confirm.js';
import type { Goal } from '../../core/goals/goal.js';
import { goalPagePath, weekPagePath } from '../../core/goals/links.js';
import type { Deps } from '../../core/ports.js';
import { summarize } from '../../core/progress/progress.js';
import { verifyToken, type TokenPurpose } from '../../core/tokens/tokens.js';
import { weekFormSchema } from '../../core/weekly/answer-forms.js';
import { assertWeekOpen, recordAnswer } from '../../core/weekly/record.js';
import { nonce, stringValues, type Env } from '../context.js';
import { fieldErrors } from '../../core/goals/signup-form.js';
import { RecordPage, WeekPage, type WeekFormErrors } from '../pages/week-pages.js';

/** Opened sooner than this after sending, the landing page waits for a person's click. */
export const SCANNER_WINDOW_SECONDS = 5 * 60;

interface WeekLink {
  goal: Goal;
  week: number;
  value?: number;
  issuedAt?: number;
}

export function checkinRoutes(app: Hono<Env>, deps: Deps) {
  async function open(c: Context, purpose: TokenPurpose): Promise<WeekLink> {
    const claims = verifyToken(deps.config.keys, c.req.param('token') ?? '', purpose, deps.clock.now());
    const [owner, goalId] = claims.subject;
    if (!owner || !goalId || claims.week === undefined) throw new InvalidToken('token names no week');
    const goal = await loadGoal(deps, { owner, goalId });
    return { goal, week: claims.week, ...(claims.value === undefined ? {} : { value: claims.value }), ...(claims.issuedAt ? { issuedAt: claims.issuedAt } : {}) };
  }

  async function weekPage(c: Context, link: WeekLink, extra: { errors?: WeekFormErrors; values?: Record<string, string>; saved?: boolean } = {}) {
    const { goal, week } = link;
    const answers = await deps.store.getWeekAnswers(goal.id);
    const now = deps.clock.now();
    return (
      <WeekPage
        goal={goal}
        week={week}
        answer={answers.find((a) => a.week === week)}
        progress={summarize(goal, answers)}
        nonce={nonce(c)}
        action={c.req.path}
        goalUrl={goalPagePath(deps.config, goal, now)}
        notice={extra.saved ? 'saved' : undefined}
        errors={extra.errors ?? {}}
        values={extra.values ?? {}}
      />
    );
  }

  app.get('/r/:token', async (c) => {
    const link = await open(c, 'record');
    assertWeekOpen(link.goal, link.week);
    const ageSeconds = deps.clock.now().getTime() / 1000 - (link.issuedAt ?? Infinity);
    return c.html(
      <RecordPage goal={link.goal} week={link.week} count={link.value ?? 0} nonce={nonce(c)} action={c.req.path}
        autoSubmit={ageSeconds > SCANNER_WINDOW_SECONDS} />,
    );
  });

  app.post('/r/:token', async (c) => {
    const link = await open(c, 'record');
    if (link.value === undefined) throw new GoalNotFound('record token without a value');
    await recordAnswer(deps, link.goal, link.week, { count: link.value, source: 'click' });
    return c.redirect(weekPagePath(deps.config, link.goal, link.week, deps.clock.now()), 303);
  });

  app.get('/w/:token', async (c) => {
    const link = await open(c, 'week');
    return c.html(await weekPage(c, link, { saved: c.req.query('saved') === '1' }));
  });

  app.post(
    '/w/:token',
    zValidator('form', weekFormSchema, async (result, c) => {
      if (result.success) return;
      const link = await open(c, 'week');
      const errors = fieldErrors(result.error) as WeekFormErrors;
      return c.html(await weekPage(c, link, { errors, values: stringValues(result.data) }), 400);
    }),
    async (c) => {
      const link = await open(c, 'week');
      const form = c.req.valid('form');
      const existing = (await deps.store.getWeekAnswers(link.goal.id)).find((a) => a.week === link.week);
      // A changed number from this page is a web answer; a note or channel added to a click keeps its source.
      const source = existing && existing.count === form.count ? existing.source : 'web';
      await recordAnswer(deps, link.goal, link.week, { count: form.count, note: form.note, channel: form.channel, source });
      return c.redirect(`${c.req.path}?saved=1`, 303);
    },
  );
}
