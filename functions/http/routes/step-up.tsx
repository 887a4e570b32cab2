// /s/export, /s/delete, /s/buddy (the owner's) and /s/forget (anyone's, from the buddy page): links emailed
// at the moment they were asked for, good for 30 minutes. A GET shows what the link will do and one
// button; only the POST acts. Export, delete and a new buddy are reached no other way.
import type { Context, Hono } from 'hono';
import { buddyLabel } from '../../core/buddy/buddy-emails.js';
import { nameBuddy, REMINDER_AFTER_HOURS } from '../../core/buddy/invitations.js';
import { addSupporter } from '../../core/buddy/supporters-owner.js';
import { ADD_SUPPORTER } from './supporters.js';
import { DomainError, GoalNotFound, InvalidToken } from '../../core/errors.js';
import { assertLinkCurrent, goalRef, loadGoal } from '../../core/goals/access.js';
import { deleteEverything } from '../../core/goals/delete-everything.js';
import type { Goal } from '../../core/goal.js';
import { t, type Locale, type MessageKey, type Vars } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { verifyToken, type TokenPurpose } from '../../core/tokens/tokens.js';
import { nonce, requestLocale, type Env } from '../context.js';
import { ErrorPage, MessagePage } from '../pages/message-page.js';
import { forget } from '../remember.js';

interface StepUpPageProps {
  locale: Locale;
  nonce: string;
  title: string;
  lines: string[];
  action: string;
  /** The button, when the page still asks; none once it is done. */
  button?: { label: string; danger?: boolean };
}

function StepUpPage({ locale, nonce, title, lines, action, button }: StepUpPageProps) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={title} {...(button ? {} : { role: 'status' as const })}>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      {button && (
        <form method="post" action={action}>
          <button type="submit" class={button.danger ? 'danger' : undefined}>
            {button.label}
          </button>
        </form>
      )}
    </MessagePage>
  );
}

export function stepUpRoutes(app: Hono<Env>, deps: Deps) {
  const claimsOf = (c: Context, purpose: TokenPurpose) => verifyToken(deps.config.keys, c.req.param('token') ?? '', purpose, deps.clock.now());
  const goalOf = async (c: Context, purpose: TokenPurpose): Promise<{ goal: Goal; extra: string[] }> => {
    const claims = claimsOf(c, purpose);
    return { goal: await loadGoal(deps, goalRef(claims)), extra: claims.subject.slice(2) };
  };
  const page = (c: Context, locale: Locale, key: string, vars: Vars, button?: StepUpPageProps['button'], extra: string[] = []) =>
    c.html(
      <StepUpPage locale={locale} nonce={nonce(c)} title={t(locale, `${key}.title` as MessageKey, vars)} action={`${c.req.path}${new URL(c.req.url).search}`}
        lines={[t(locale, `${key}.lead` as MessageKey, vars), ...extra]} {...(button ? { button } : {})} />,
    );

  app.get('/s/export/:token', async (c) => {
    const { goal } = await goalOf(c, 'export');
    return page(c, goal.locale, 'stepUp.export', {}, { label: t(goal.locale, 'link.export.button') });
  });

  app.post('/s/export/:token', async (c) => {
    const { goal } = await goalOf(c, 'export');
    const data = await deps.store.exportPerson(goal.owner);
    c.header('Content-Disposition', 'attachment; filename="kompis-export.json"');
    return c.json({ exportedAt: deps.clock.now().toISOString(), ...data });
  });

  // Erasing can stop half-way (a store failure) after the goal itself is gone. It suppresses the address
  // first, so a suppressed owner without the goal is one whose erasure began: the link then checks what is
  // left of them and finishes the job, instead of answering 404 over the rest.
  const erasing = async (c: Context) => {
    const ref = goalRef(claimsOf(c, 'erase'));
    const goal = await deps.store.getGoal(ref.owner, ref.goalId);
    if (!goal && !(await deps.store.isSuppressed(ref.owner))) throw new GoalNotFound();
    const person = goal ? undefined : await deps.store.getPerson(ref.owner);
    const left = goal ?? person;
    if (left) assertLinkCurrent(left, ref);
    return { owner: ref.owner, locale: left?.locale ?? requestLocale(c) };
  };

  app.get('/s/delete/:token', async (c) => {
    const { owner, locale } = await erasing(c);
    return page(c, locale, 'stepUp.erase', { email: owner }, { label: t(locale, 'link.erase.button'), danger: true });
  });

  app.post('/s/delete/:token', async (c) => {
    const { owner, locale } = await erasing(c);
    await deleteEverything(deps, owner);
    forget(c);
    return page(c, locale, 'stepUp.erased', {});
  });

  const newBuddyOf = async (c: Context) => {
    const { goal, extra } = await goalOf(c, 'buddy-change');
    const [email, name] = extra;
    if (!email) throw new InvalidToken('buddy-change token names no buddy');
    // Issue 20: the same link adds one more supporter when it says so.
    const adds = claimsOf(c, 'buddy-change').value === ADD_SUPPORTER;
    return { goal, adds, buddy: { email, ...(name ? { name } : {}) } };
  };

  app.get('/s/buddy/:token', async (c) => {
    const { goal, buddy, adds } = await newBuddyOf(c);
    const subject = t(goal.locale, 'email.invite.subject', { ownerEmail: goal.owner });
    const vars = { buddy: buddyLabel(buddy), email: buddy.email, subject, days: REMINDER_AFTER_HOURS / 24 };
    return page(c, goal.locale, adds ? 'stepUp.supporter' : 'stepUp.buddy', vars, { label: t(goal.locale, adds ? 'stepUp.supporter.button' : 'link.buddy-change.button') }, [t(goal.locale, 'stepUp.buddy.receives', vars)]);
  });

  app.post('/s/buddy/:token', async (c) => {
    const { goal, buddy, adds } = await newBuddyOf(c);
    try {
      await (adds ? addSupporter : nameBuddy)(deps, goal.owner, goal.id, buddy);
    } catch (error) {
      // A refusal of the goal's (three supporters already, say) is said in the goal's language, as the GET was.
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      return c.html(<ErrorPage locale={goal.locale} nonce={nonce(c)} message={t(goal.locale, error.messageKey)} />, error.status);
    }
    return page(c, goal.locale, 'stepUp.buddyDone', { buddy: buddyLabel(buddy) });
  });

  const personOf = (c: Context) => {
    const [person] = claimsOf(c, 'forget').subject;
    if (!person) throw new InvalidToken('forget token names no address');
    return person;
  };

  app.get('/s/forget/:token', (c) => {
    const person = personOf(c);
    const locale = requestLocale(c);
    return page(c, locale, 'stepUp.forget', { email: person }, { label: t(locale, 'link.forget.button'), danger: true });
  });

  app.post('/s/forget/:token', async (c) => {
    const person = personOf(c);
    await deleteEverything(deps, person);
    return page(c, requestLocale(c), 'stepUp.forgotten', { email: person });
  });
}
