// GET/POST /find ("find my goals", on the front page and in every email's footer) and GET /me/:token,
// the emailed list. The answer to /find is the same page, no sooner than the sign-up floor, for every
// address: one with goals, one without, one that asked never to be emailed.
import type { Context, Hono } from 'hono';
import * as z from 'zod';
import { assertLinkCurrent } from '../../core/goals/access.js';
import { allowFind, findMyGoals, goalsOf } from '../../core/goals/my-goals.js';
import { emailField } from '../../core/forms/signup-form.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { EmailNotSent, InvalidToken } from '../../core/errors.js';
import { verifyToken } from '../../core/tokens/tokens.js';
import { notBefore } from '../answer-floor.js';
import { clientIp, formFields, nonce, requestLocale, stringValues, type Env } from '../context.js';
import { FindPage, FindSentPage, MyGoalsPage } from '../pages/my-goals-pages.js';
import { describeFailure, failureKind, type FailureReporter } from '../failures.js';

const findSchema = z.object({ email: emailField('errors.email.invalid') });

export function myGoalsRoutes(app: Hono<Env>, deps: Deps, reportFailure: FailureReporter) {
  app.get('/find', (c) => c.html(<FindPage locale={requestLocale(c)} nonce={nonce(c)} />));

  app.post('/find', async (c) => {
    const started = performance.now();
    const locale = requestLocale(c);
    const values = stringValues(await formFields(c));
    const parsed = findSchema.safeParse(values);
    if (!parsed.success) {
      const error = (parsed.error.issues[0]?.message ?? 'errors.email.invalid') as MessageKey;
      return c.html(<FindPage locale={locale} nonce={nonce(c)} email={values.email ?? ''} error={error} />, 400);
    }
    const { email } = parsed.data;
    await allowFind(deps, clientIp(c), email);
    try {
      await findMyGoals(deps, email, locale);
    } catch (error) {
      // Only an address with goals gets an email, so a "not sent" page would tell who has goals while SES
      // fails. The operator hears of it; the person sees the same page and can ask again.
      if (!(error instanceof EmailNotSent)) throw error;
      reportFailure({ kind: failureKind(error), method: 'POST', route: '/find', status: 200, error: describeFailure(error) });
    }
    await notBefore(started + (deps.config.signupMinMs ?? 0));
    return c.html(<FindSentPage locale={locale} nonce={nonce(c)} email={email} />);
  });

  const personOf = async (c: Context) => {
    const claims = verifyToken(deps.config.keys, c.req.param('token') ?? '', 'me', deps.clock.now());
    const [email] = claims.subject;
    if (!email) throw new InvalidToken('me token names no address');
    const person = await deps.store.getPerson(email);
    // Ends with "sign out every link", like the goal page's links.
    assertLinkCurrent(person ?? {}, { generation: claims.generation ?? 0 });
    return { email, person };
  };

  app.get('/me/:token', async (c) => {
    const { email, person } = await personOf(c);
    const listed = await goalsOf(deps, email);
    const chosen = c.req.query('lang') ? requestLocale(c) : undefined;
    const locale = chosen ?? person?.locale ?? (await deps.store.getBuddyLocale(email)) ?? listed[0]?.goal.locale ?? requestLocale(c);
    return c.html(<MyGoalsPage locale={locale} nonce={nonce(c)} email={email} listed={listed} />);
  });
}
