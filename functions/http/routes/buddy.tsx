// The buddy's side: /i (invitation), /k (a reaction), /bl (leave one goal), /buddy (the goals they follow).
// Every link names the buddy's address; once the owner names someone else, the old links close. The owner's
// words reach the buddy with no live links in them.
import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { reactionKinds } from '../../core/buddy/buddy-emails.js';
import { acceptInvitation, asSeenByBuddy, goalForBuddy, releaseBuddy, type BuddyRef } from '../../core/buddy/invitations.js';
import { MAX_REACTION_MESSAGE, react } from '../../core/buddy/reactions.js';
import { findSupporter } from '../../core/buddy/supporters.js';
import { asShownToOthers } from '../../core/emails/unlinked.js';
import { InvalidToken } from '../../core/errors.js';
import { buddyLeaveUrl } from '../../core/links/links.js';
import { plainText } from '../../core/forms/signup-form.js';
import { isLocale, localeFromAcceptLanguage, type MessageKey } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { verifyToken, type TokenPurpose } from '../../core/tokens/tokens.js';
import { emailForget } from '../../core/emails/link-email.js';
import { formFields, nonce, requestLocale, type Env } from '../context.js';
import { BuddyDonePage, BuddyListPage, InvitationPage, LeavePage, ReactionPage } from '../pages/buddy-pages.js';

const messageSchema = z.object({ message: plainText(MAX_REACTION_MESSAGE, 'errors.message.tooLong').optional() });

export function buddyRoutes(app: Hono<Env>, deps: Deps) {
  function claimsOf(c: Context, purpose: TokenPurpose) {
    const claims = verifyToken(deps.config.keys, c.req.param('token') ?? '', purpose, deps.clock.now());
    const [owner, goalId, buddy, id] = claims.subject;
    if (!owner || !goalId || !buddy) throw new InvalidToken('token names no buddy');
    return { ref: { owner, goalId, buddy, id } satisfies BuddyRef, claims };
  }
  const linkPath = (c: Context) => `/${c.req.path.split('/')[1]}/${c.req.param('token')}`;

  app.get('/i/:token', async (c) => {
    const { ref } = claimsOf(c, 'invite');
    const goal = await goalForBuddy(deps, ref);
    if (goal.buddy?.status === 'accepted') return c.html(<BuddyDonePage goal={asShownToOthers(goal)} nonce={nonce(c)} messageKey="invite.already" />);
    return c.html(<InvitationPage goal={asShownToOthers(goal)} nonce={nonce(c)} action={linkPath(c)} />);
  });

  app.post('/i/:token/accept', async (c) => {
    const { goal, already } = await acceptInvitation(deps, claimsOf(c, 'invite').ref);
    return c.html(<BuddyDonePage goal={asShownToOthers(goal)} nonce={nonce(c)} messageKey={already ? 'invite.already' : 'invite.accepted'} />);
  });

  app.post('/i/:token/decline', async (c) => {
    const goal = await releaseBuddy(deps, claimsOf(c, 'invite').ref, 'declined');
    return c.html(<BuddyDonePage goal={asShownToOthers(goal)} nonce={nonce(c)} messageKey="invite.declined" />);
  });

  function reactionOf(c: Context) {
    const { ref, claims } = claimsOf(c, 'react');
    const kind = reactionKinds[claims.value ?? -1];
    if (!kind || claims.week === undefined) throw new InvalidToken('reaction token without kind or week');
    return { ref, kind, week: claims.week };
  }

  app.get('/k/:token', async (c) => {
    const { ref, kind, week } = reactionOf(c);
    const goal = await asSeenByBuddy(deps, await goalForBuddy(deps, ref), ref.buddy);
    return c.html(<ReactionPage goal={asShownToOthers(goal)} kind={kind} week={week} nonce={nonce(c)} action={c.req.path} />);
  });

  app.post('/k/:token', async (c) => {
    const { ref, kind, week } = reactionOf(c);
    const goal = await asSeenByBuddy(deps, await goalForBuddy(deps, ref), ref.buddy);
    // Only "ask" has a message field; anything posted with another kind is ignored, not refused where no
    // field could show why.
    const parsed = messageSchema.safeParse(kind === 'ask' ? await formFields(c) : {});
    if (!parsed.success) {
      const error = (parsed.error.issues[0]?.message ?? 'errors.message.tooLong') as MessageKey;
      return c.html(<ReactionPage goal={asShownToOthers(goal)} kind={kind} week={week} nonce={nonce(c)} action={c.req.path} error={error} />, 400);
    }
    const outcome = await react(deps, ref, week, kind, kind === 'ask' ? parsed.data.message : undefined);
    return c.html(<ReactionPage goal={asShownToOthers(goal)} kind={kind} week={week} nonce={nonce(c)} action={c.req.path} outcome={outcome} />);
  });

  app.get('/bl/:token', async (c) => {
    const { ref } = claimsOf(c, 'buddy-leave');
    const goal = await asSeenByBuddy(deps, await goalForBuddy(deps, ref), ref.buddy);
    return c.html(<LeavePage goal={asShownToOthers(goal)} nonce={nonce(c)} action={c.req.path} />);
  });

  // One-click (RFC 8058) from the buddy's List-Unsubscribe, like /u: exempt from the Origin check.
  app.post('/bl/:token', async (c) => {
    const goal = await releaseBuddy(deps, claimsOf(c, 'buddy-leave').ref, 'left');
    return c.html(<BuddyDonePage goal={asShownToOthers(goal)} nonce={nonce(c)} messageKey="leave.done" />);
  });

  const buddyOf = (c: Context) => {
    const [buddy] = verifyToken(deps.config.keys, c.req.param('token') ?? '', 'buddy', deps.clock.now()).subject;
    if (!buddy) throw new InvalidToken('buddy token names no address');
    return buddy;
  };

  app.post('/buddy/:token/lang', async (c) => {
    const buddy = buddyOf(c);
    const lang = (await formFields(c)).lang;
    // An old page of an erased (or suppressed) address writes nothing under it again: no email reaches it anyway.
    if (isLocale(lang) && !(await deps.store.isSuppressed(buddy))) await deps.store.setBuddyLocale(buddy, lang);
    return c.redirect(`/buddy/${c.req.param('token')}`, 303);
  });

  // "Delete what Kompis knows about me": a 30-minute link to the buddy's own address (routes/step-up.tsx).
  app.post('/buddy/:token/forget', async (c) => {
    const buddy = buddyOf(c);
    const locale = (await deps.store.getBuddyLocale(buddy)) ?? requestLocale(c);
    const [followed] = await deps.store.listBuddyLinks(buddy);
    await emailForget(deps, buddy, locale, followed ? { id: followed.goalId } : undefined);
    return c.redirect(`/buddy/${c.req.param('token')}?sent=1`, 303);
  });

  app.get('/buddy/:token', async (c) => {
    const buddy = buddyOf(c);
    const now = deps.clock.now();
    const links = (await deps.store.listBuddyLinks(buddy)).filter((l) => l.status === 'accepted' || l.status === 'invited');
    const goals = (await Promise.all(links.map((l) => deps.store.getGoal(l.owner, l.goalId))))
      .map((g) => g && { goal: g, supporter: findSupporter(g, buddy) })
      .filter((found) => found?.supporter && (found.goal.status === 'active' || found.goal.status === 'paused'))
      .map((found) => ({ goal: asShownToOthers(found!.goal), leaveAction: new URL(buddyLeaveUrl(deps.config, found!.goal, found!.supporter!, now)).pathname }));
    const chosen = await deps.store.getBuddyLocale(buddy);
    const locale = chosen ?? goals[0]?.goal.locale ?? localeFromAcceptLanguage(c.req.header('accept-language'));
    const path = `/buddy/${c.req.param('token')}`;
    return c.html(
      <BuddyListPage locale={locale} nonce={nonce(c)} goals={goals} languageAction={`${path}/lang`} forgetAction={`${path}/forget`}
        forgetSent={c.req.query('sent') === '1'} />,
    );
  });
}
