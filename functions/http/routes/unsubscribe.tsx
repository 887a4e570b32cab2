// /u/:token — one-click unsubscribe (RFC 8058). Mail providers POST "List-Unsubscribe=One-Click" with no
// cookie and no Origin, so this route is exempt from the CSRF check: all it can do is stop this goal's
// check-ins, which the page tells the owner how to undo. A GET shows the button. The answer carries no
// goal-page link (whoever holds an unsubscribe link should not get the goal page); it offers to email one.
import type { Context, Hono } from 'hono';
import { emailGoalPage } from '../../core/emails/link-email.js';
import { pauseGoal } from '../../core/goals/actions.js';
import { loadGoal, readGoalToken } from '../../core/goals/access.js';
import { t, type Locale } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { nonce, type Env } from '../context.js';
import { MessagePage } from '../pages/message-page.js';
import { GoalLinkForm } from '../pages/week-pages.js';

export function unsubscribeRoutes(app: Hono<Env>, deps: Deps) {
  const refOf = (c: Context) => readGoalToken(deps, c.req.param('token') ?? '', 'unsubscribe');

  app.get('/u/:token', async (c) => {
    const goal = await loadGoal(deps, refOf(c));
    const locale = goal.locale;
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'unsubscribe.title')}>
        <p>{t(locale, 'unsubscribe.lead')}</p>
        <p class="goal-quote">{goal.text}</p>
        <form method="post" action={c.req.path}>
          <button type="submit">{t(locale, 'unsubscribe.button')}</button>
        </form>
      </MessagePage>,
    );
  });

  const donePage = (c: Context, goal: { locale: Locale }, sent: boolean) => {
    const locale = goal.locale;
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'unsubscribe.done')} role="status">
        <p>{t(locale, 'unsubscribe.resume')}</p>
        <GoalLinkForm locale={locale} action={`/u/${c.req.param('token')}/goal-link`} sent={sent} />
      </MessagePage>,
    );
  };

  app.post('/u/:token', async (c) => {
    const ref = refOf(c);
    const goal = await loadGoal(deps, ref);
    if (goal.status === 'active' || goal.status === 'paused') await pauseGoal(deps, ref, undefined, 'unsubscribed');
    return donePage(c, goal, false);
  });

  app.post('/u/:token/goal-link', async (c) => {
    const goal = await loadGoal(deps, refOf(c));
    await emailGoalPage(deps, goal);
    return donePage(c, goal, true);
  });
}
