// The circle's routes: /g/:token/circle (start one from the goal page), /ci (a member's page), /cj (the shareable
// invitation: terms and "yes"), /ca (the emailed join link: choose the goal), /s/circle (the organiser's
// 30-minute step-up for remove and close), /ck (a cheer). A GET never changes anything: scanners open links.
import type { Context, Hono } from 'hono';
import { loadGoal, readGoalToken } from '../../core/goals/access.js';
import { InvalidToken } from '../../core/errors.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { verifyToken, type TokenPurpose } from '../../core/tokens/tokens.js';
import { prefilledFormUrl } from '../../core/links/links.js';
import { hasPerson, MAX_MEMBERS, type CircleItems, type CircleMember } from '../../core/circles/circle.js';
import { AlreadyInCircle, CircleClosed, CircleFull, CircleTaken, NotInCircle, OrganiserOnly, OrganiserStays, RemovedFromCircle } from '../../core/circles/circle-errors.js';
import { attachSchema, formErrors, inviteSchema, joinSchema, removeSchema, sharedTargetSchema, startCircleSchema } from '../../core/circles/circle-forms.js';
import { circleInvitationUrl, circlePageUrl, type CircleChange } from '../../core/circles/circle-links.js';
import { askToJoin, closeCircle, dropMember, emailCircleChange, inviteByEmail, joinableGoals, joinCircle, loadCircle, setCircleEmail, setSharedTarget, startCircle, wasRemoved } from '../../core/circles/membership.js';
import { shownRows, sharedLine } from '../../core/circles/digest-email.js';
import { knownLocale } from '../../core/emails/known-locale.js';
import { cheerOf, sendCheer } from '../../core/circles/cheers.js';
import { clientIp, formFields, nonce, requestLocale, setPageLocale, stringValues, type Env } from '../context.js';
import { ActionPage, CircleAttachPage, CircleJoinPage, CirclePage, CircleStartPage } from '../pages/circle-pages.js';

const pathOf = (url: string) => new URL(url).pathname;
const localUrl = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

export function circleRoutes(app: Hono<Env>, deps: Deps) {
  const claims = (c: Context, purpose: TokenPurpose) => verifyToken(deps.config.keys, c.req.param('token') ?? '', purpose, deps.clock.now());
  const linkPath = (c: Context) => `/${c.req.path.split('/')[1]}/${c.req.param('token')}`;

  // --- Starting a circle, from the goal page.
  const goalOf = (c: Context) => loadGoal(deps, readGoalToken(deps, c.req.param('token') ?? '', 'goal'));
  const goalPath = (c: Context) => `/g/${c.req.param('token')}`;

  app.get('/g/:token/circle', async (c) => {
    const goal = await goalOf(c);
    if (goal.circle) return c.redirect(pathOf(circlePageUrl(deps.config, goal.circle, goal, deps.clock.now())), 303);
    return c.html(<CircleStartPage locale={goal.locale} nonce={nonce(c)} action={c.req.path} values={{ memberName: goal.ownerName ?? '' }} />);
  });

  app.post('/g/:token/circle', async (c) => {
    const goal = await goalOf(c);
    if (goal.circle) return c.redirect(pathOf(circlePageUrl(deps.config, goal.circle, goal, deps.clock.now())), 303);
    const values = stringValues(await formFields(c));
    const parsed = startCircleSchema.safeParse(values);
    if (!parsed.success) return c.html(<CircleStartPage locale={goal.locale} nonce={nonce(c)} action={c.req.path} values={values} errors={formErrors(parsed.error)} />, 400);
    const { name, memberName, sharedText, sharedTotal } = parsed.data;
    const started = await startCircle(deps, goal, { name, memberName, ...(sharedText && sharedTotal ? { sharedTarget: { text: sharedText, total: sharedTotal } } : {}) }).catch(async (error: unknown) => {
      // A second click that lost the race to the first: show the circle the first one started.
      const current = error instanceof CircleTaken ? await deps.store.getGoal(goal.owner, goal.id) : undefined;
      if (current?.circle) return { id: current.circle };
      throw error;
    });
    return c.redirect(pathOf(circlePageUrl(deps.config, started.id, goal, deps.clock.now())), 303);
  });

  // --- A member's page.
  /** A refusal to someone whose link names their goal is said in the goal's language, not the browser's. */
  const inGoalsLanguage = async (c: Context, owner: string, goalId: string, refusal: Error) => {
    const goal = await deps.store.getGoal(owner, goalId);
    if (goal) setPageLocale(c, goal.locale);
    return refusal;
  };
  const memberOf = async (c: Context, purpose: 'circle' | 'circle-quiet' = 'circle') => {
    const [owner, goalId, circleId] = claims(c, purpose).subject;
    if (!owner || !goalId || !circleId) throw new InvalidToken('circle token names no member');
    const items = await loadCircle(deps, circleId);
    if (items.circle.status !== 'open') throw await inGoalsLanguage(c, owner, goalId, new CircleClosed());
    const me = items.members.find((m) => m.goalId === goalId && m.owner === owner);
    if (!me) throw await inGoalsLanguage(c, owner, goalId, new NotInCircle());
    setPageLocale(c, me.locale);
    return { items, me, organiser: items.circle.organiserGoalId === goalId };
  };

  const circlePage = (c: Context, { items, me, organiser }: Awaited<ReturnType<typeof memberOf>>, extra: { notice?: MessageKey; errors?: Record<string, MessageKey>; values?: Record<string, string> } = {}, status: 200 | 400 = 200) => {
    const now = deps.clock.now();
    const answered = Object.fromEntries(items.members.map((m) => [m.goalId, m.weeks.filter((w) => w.count !== null && w.checkinAt >= m.joinedAt).length]));
    return c.html(
      <CirclePage locale={me.locale} nonce={nonce(c)} action={linkPath(c)} circle={items.circle} rows={shownRows(items, now.toISOString())} answered={answered}
        shared={sharedLine(me.locale, items)} me={me.goalId} organiser={organiser} full={items.members.length >= MAX_MEMBERS}
        invitationUrl={circleInvitationUrl(deps.config, items.circle, now)} quiet={items.circle.quiet?.includes(me.goalId) ?? false} notice={extra.notice} values={extra.values ?? {}} errors={extra.errors ?? {}} />,
      status,
    );
  };

  const notices: Record<string, MessageKey> = { invited: 'circle.page.invite.sent', stepUp: 'circle.page.stepUpSent', emailOn: 'circle.quiet.on', shared: 'circle.page.shared.saved' };
  app.get('/ci/:token', async (c) => circlePage(c, await memberOf(c), { ...(notices[c.req.query('done') ?? ''] ? { notice: notices[c.req.query('done')!]! } : {}) }));

  app.post('/ci/:token/invite', async (c) => {
    const member = await memberOf(c);
    const values = stringValues(await formFields(c));
    const parsed = inviteSchema.safeParse(values);
    if (!parsed.success) return circlePage(c, member, { errors: formErrors(parsed.error), values }, 400);
    await inviteByEmail(deps, member.items.circle.id, member.me, parsed.data.email);
    return c.redirect(`${linkPath(c)}?done=invited`, 303);
  });

  // The shared target is the organiser's to set, change or (both fields empty) remove; not a change of who is
  // in the circle, so no step-up. Members see the new sum at once and in the next digest.
  app.post('/ci/:token/shared', async (c) => {
    const member = await memberOf(c);
    if (!member.organiser) throw new OrganiserOnly();
    const values = stringValues(await formFields(c));
    // Removing the target is both fields sent empty, never a request that sends neither.
    if (!('sharedText' in values) && !('sharedTotal' in values)) return circlePage(c, member, { errors: { sharedText: 'errors.circle.sharedText' }, values }, 400);
    const parsed = sharedTargetSchema.safeParse(values);
    if (!parsed.success) return circlePage(c, member, { errors: formErrors(parsed.error), values }, 400);
    const { sharedText, sharedTotal } = parsed.data;
    await setSharedTarget(deps, member.items.circle.id, sharedText && sharedTotal ? { text: sharedText, total: sharedTotal } : undefined);
    return c.redirect(`${linkPath(c)}?done=shared`, 303);
  });

  app.post('/ci/:token/email-on', async (c) => {
    const { items, me } = await memberOf(c);
    await setCircleEmail(deps, items.circle.id, me.goalId, true);
    return c.redirect(`${linkPath(c)}?done=emailOn`, 303);
  });

  // --- The digest's one-click unsubscribe (RFC 8058): it stops this member's circle email and nothing else, so a
  // mail provider's POST needs no Origin (app.tsx). Like /u, it opens no page of the circle: it can only say so
  // and undo it.
  app.get('/cq/:token', async (c) => {
    const { items, me } = await memberOf(c, 'circle-quiet');
    const vars = { circle: items.circle.name };
    return c.html(<ActionPage locale={me.locale} nonce={nonce(c)} title={t(me.locale, 'circle.quiet.title', vars)} lines={[t(me.locale, 'circle.quiet.lead')]} action={c.req.path} button={t(me.locale, 'circle.quiet.button')} />);
  });

  app.post('/cq/:token', async (c) => {
    const { items, me } = await memberOf(c, 'circle-quiet');
    await setCircleEmail(deps, items.circle.id, me.goalId, false);
    const vars = { circle: items.circle.name };
    return c.html(
      <ActionPage locale={me.locale} nonce={nonce(c)} title={items.circle.name} lines={[t(me.locale, 'circle.quiet.done', vars)]}>
        <form method="post" action={`${c.req.path}/on`}>
          <button type="submit">{t(me.locale, 'circle.quiet.undo')}</button>
        </form>
      </ActionPage>,
    );
  });

  app.post('/cq/:token/on', async (c) => {
    const { items, me } = await memberOf(c, 'circle-quiet');
    await setCircleEmail(deps, items.circle.id, me.goalId, true);
    return c.html(<ActionPage locale={me.locale} nonce={nonce(c)} title={items.circle.name} lines={[t(me.locale, 'circle.quiet.on')]} />);
  });

  app.post('/ci/:token/leave', async (c) => {
    const { items, me, organiser } = await memberOf(c);
    // The organiser's way out is closing the circle (a step-up), never leaving it without one.
    if (organiser) throw new OrganiserStays();
    await dropMember(deps, items.circle.id, me.goalId);
    return c.html(<ActionPage locale={me.locale} nonce={nonce(c)} title={items.circle.name} lines={[t(me.locale, 'circle.page.left', { circle: items.circle.name })]} />);
  });

  const askStepUp = async (c: Context, change: CircleChange) => {
    const { items, me, organiser } = await memberOf(c);
    if (!organiser) throw new OrganiserOnly();
    let member: CircleMember | undefined;
    if (change === 'remove') {
      const parsed = removeSchema.safeParse(stringValues(await formFields(c)));
      if (parsed.success && parsed.data.member === me.goalId) throw new OrganiserStays();
      member = parsed.success ? items.members.find((m) => m.goalId === parsed.data.member) : undefined;
      if (!member) throw new NotInCircle();
    }
    await emailCircleChange(deps, items, me, change, member);
    return c.redirect(`${linkPath(c)}?done=stepUp`, 303);
  };
  app.post('/ci/:token/remove', (c) => askStepUp(c, 'remove'));
  app.post('/ci/:token/close', (c) => askStepUp(c, 'close'));

  // --- The organiser's step-up: a GET shows what the link will do, the POST does it.
  const changeOf = async (c: Context) => {
    const [owner, goalId, circleId, what] = claims(c, 'circle-change').subject;
    if (!owner || !goalId || !circleId || !what) throw new InvalidToken('circle-change token incomplete');
    const items = await loadCircle(deps, circleId);
    if (items.circle.status !== 'open') throw await inGoalsLanguage(c, owner, goalId, new CircleClosed());
    if (items.circle.organiserGoalId !== goalId || items.circle.organiser !== owner) throw await inGoalsLanguage(c, owner, goalId, new NotInCircle());
    const locale = items.members.find((m) => m.goalId === goalId)?.locale ?? requestLocale(c);
    setPageLocale(c, locale);
    const [change, memberId] = what.split(':');
    if (change === 'close') return { items, locale, change: 'close' as const };
    const member = items.members.find((m) => m.goalId === memberId);
    if (change !== 'remove' || !member) throw new NotInCircle();
    return { items, locale, change: 'remove' as const, member };
  };

  app.get('/s/circle/:token', async (c) => {
    const step = await changeOf(c);
    const vars = { circle: step.items.circle.name, name: step.change === 'remove' ? step.member.name : '' };
    const title = t(step.locale, step.change === 'remove' ? 'circle.change.remove.title' : 'circle.change.close.title', vars);
    const button = t(step.locale, step.change === 'remove' ? 'link.circleRemove.button' : 'link.circleClose.button', vars);
    return c.html(<ActionPage locale={step.locale} nonce={nonce(c)} title={title} lines={[t(step.locale, 'circle.change.lead')]} action={c.req.path} button={button} />);
  });

  app.post('/s/circle/:token', async (c) => {
    const step = await changeOf(c);
    if (step.change === 'remove') await dropMember(deps, step.items.circle.id, step.member.goalId, 'removed');
    else await closeCircle(deps, step.items.circle.id);
    const lines =
      step.change === 'remove'
        ? [t(step.locale, 'circle.change.removed', { name: step.member.name }), t(step.locale, 'circle.change.removedNote', { name: step.member.name })]
        : [t(step.locale, 'circle.change.closed')];
    return c.html(<ActionPage locale={step.locale} nonce={nonce(c)} title={step.items.circle.name} lines={lines} />);
  });

  // --- The shareable invitation: the terms, and "yes" with an address the join link goes to.
  const invitationOf = async (c: Context): Promise<CircleItems> => {
    const [circleId] = claims(c, 'circle-invite').subject;
    if (!circleId) throw new InvalidToken('invitation names no circle');
    const items = await loadCircle(deps, circleId);
    if (items.circle.status !== 'open') throw new CircleClosed();
    return items;
  };

  app.get('/cj/:token', async (c) => {
    const items = await invitationOf(c);
    return c.html(<CircleJoinPage locale={requestLocale(c)} nonce={nonce(c)} action={c.req.path} circle={items.circle} count={items.members.length} />);
  });

  app.post('/cj/:token', async (c) => {
    const items = await invitationOf(c);
    const locale = requestLocale(c);
    const values = stringValues(await formFields(c));
    const parsed = joinSchema.safeParse(values);
    if (!parsed.success) {
      return c.html(<CircleJoinPage locale={locale} nonce={nonce(c)} action={c.req.path} circle={items.circle} count={items.members.length} values={values} errors={formErrors(parsed.error)} />, 400);
    }
    await askToJoin(deps, items.circle.id, parsed.data.email, parsed.data.name, locale, clientIp(c));
    return c.html(<ActionPage locale={locale} nonce={nonce(c)} title={t(locale, 'circle.join.title', { circle: items.circle.name })} lines={[t(locale, 'circle.join.sent')]} />);
  });

  // --- The emailed join link: the address is proven, its goals may be listed to it.
  const joinOf = async (c: Context) => {
    const [circleId, email, name] = claims(c, 'circle-join').subject;
    if (!circleId || !email || !name) throw new InvalidToken('join link incomplete');
    const items = await loadCircle(deps, circleId);
    const goals = await joinableGoals(deps, email);
    // The address's own language, also for a refusal.
    const locale: Locale = goals[0]?.locale ?? (await knownLocale(deps, email)) ?? requestLocale(c);
    setPageLocale(c, locale);
    if (items.circle.status !== 'open') throw new CircleClosed();
    if (wasRemoved(items.circle, email)) throw new RemovedFromCircle();
    return { items, email, name, goals, locale };
  };
  const attachPage = (c: Context, j: Awaited<ReturnType<typeof joinOf>>, values: Record<string, string> = { name: j.name }, errors: Record<string, MessageKey> = {}) =>
    c.html(
      <CircleAttachPage locale={j.locale} nonce={nonce(c)} action={c.req.path} circle={j.items.circle} goals={j.goals} values={values} errors={errors}
        writeUrl={localUrl(prefilledFormUrl(deps.config, { lang: j.locale, email: j.email, name: j.name, join: c.req.path }))} />,
      Object.keys(errors).length ? 400 : 200,
    );

  app.get('/ca/:token', async (c) => {
    const j = await joinOf(c);
    // Said before the form, not after it: a full circle, or a person who is in it already (with another goal).
    if (hasPerson(j.items.members, j.email)) throw new AlreadyInCircle();
    if (j.items.members.length >= MAX_MEMBERS) throw new CircleFull();
    return attachPage(c, j, { name: j.name, goal: c.req.query('goal') ?? '' });
  });

  app.post('/ca/:token', async (c) => {
    const j = await joinOf(c);
    const values = stringValues(await formFields(c));
    const parsed = attachSchema.safeParse(values);
    const goal = parsed.success ? j.goals.find((g) => g.id === parsed.data.goal) : undefined;
    if (!parsed.success || !goal) return attachPage(c, j, values, parsed.success ? { goal: 'errors.circle.goal' } : formErrors(parsed.error));
    await joinCircle(deps, j.items.circle.id, goal, parsed.data.name);
    const url = circlePageUrl(deps.config, j.items.circle.id, goal, deps.clock.now());
    return c.html(
      <ActionPage locale={goal.locale} nonce={nonce(c)} title={j.items.circle.name} lines={[t(goal.locale, 'circle.attach.done', { circle: j.items.circle.name })]}>
        <p>
          <a href={pathOf(url)}>{t(goal.locale, 'email.circleDigest.page')}</a>
        </p>
      </ActionPage>,
    );
  });

  // --- A cheer: the GET asks, the POST sends (once per kind, sender and member a week).
  app.get('/ck/:token', async (c) => {
    const cheer = await cheerOf(deps, claims(c, 'circle-cheer'));
    return c.html(<ActionPage locale={cheer.from.locale} nonce={nonce(c)} title={t(cheer.from.locale, 'circle.cheerPage.title', cheer.vars)} lines={[]} action={c.req.path} button={t(cheer.from.locale, 'circle.cheerPage.button')} />);
  });

  app.post('/ck/:token', async (c) => {
    const cheer = await cheerOf(deps, claims(c, 'circle-cheer'));
    const sent = await sendCheer(deps, cheer);
    const line = t(cheer.from.locale, sent ? 'circle.cheerPage.sent' : 'circle.cheerPage.already', cheer.vars);
    return c.html(<ActionPage locale={cheer.from.locale} nonce={nonce(c)} title={t(cheer.from.locale, 'circle.cheerPage.title', cheer.vars)} lines={[line]} />);
  });
}
