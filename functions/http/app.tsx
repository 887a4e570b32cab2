// The HTTP app, built from its dependencies: the same app runs on Lambda, locally and in tests.
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { confirmGoal, loadGoal, readGoalToken } from '../core/goals/confirm.js';
import { goalPagePath } from '../core/goals/links.js';
import { signUp } from '../core/goals/sign-up.js';
import { fieldErrors, signupFormSchema } from '../core/goals/signup-form.js';
import { DomainError } from '../core/errors.js';
import { isLocale, localeFromAcceptLanguage, t, type Locale, type MessageKey } from '../core/i18n/messages.js';
import type { Deps } from '../core/ports.js';
import { AlreadyConfirmedPage, ConfirmPage, GoalPage } from './pages/goal-pages.js';
import { CheckInboxPage, ErrorPage } from './pages/message-page.js';
import { SignupPage, type SignupValues } from './pages/signup-page.js';

type Env = { Variables: { secureHeadersNonce?: string } };

const MAX_FORM_BYTES = 32 * 1024;

/** ?lang=nb|en, else Accept-Language. */
function requestLocale(c: Context): Locale {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : localeFromAcceptLanguage(c.req.header('accept-language'));
}

function stringValues(data: unknown): SignupValues {
  const values: Record<string, string> = {};
  if (data && typeof data === 'object') {
    for (const [name, value] of Object.entries(data)) if (typeof value === 'string') values[name] = value;
  }
  return values;
}

export function createApp(deps: Deps) {
  const app = new Hono<Env>();
  const nonce = (c: Context) => (c.var as Env['Variables']).secureHeadersNonce ?? '';
  const baseOrigin = new URL(deps.config.baseUrl).origin;

  const errorPage = (c: Context, status: 400 | 403 | 404 | 409 | 410 | 413 | 429 | 500 | 503, key: MessageKey) =>
    c.html(<ErrorPage locale={requestLocale(c)} nonce={nonce(c)} message={t(requestLocale(c), key)} />, status);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use(
    csrf({ origin: (origin, c) => origin === baseOrigin || origin === new URL(c.req.url).origin }),
  );
  app.on('POST', '*', bodyLimit({ maxSize: MAX_FORM_BYTES, onError: (c) => errorPage(c, 413, 'error.tooLarge') }));

  app.get('/', (c) => {
    const locale = requestLocale(c);
    return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={{ locale }} />);
  });

  app.post(
    '/goals',
    zValidator('form', signupFormSchema, (result, c) => {
      if (result.success) return;
      const values = stringValues(result.data);
      const locale = isLocale(values.locale) ? values.locale : requestLocale(c);
      return c.html(
        <SignupPage locale={locale} nonce={nonce(c)} values={values} errors={fieldErrors(result.error)} />,
        400,
      );
    }),
    async (c) => {
      const form = c.req.valid('form');
      await signUp(deps, form);
      return c.html(<CheckInboxPage locale={form.locale} nonce={nonce(c)} />);
    },
  );

  app.get('/c/:token', async (c) => {
    const ref = readGoalToken(deps, c.req.param('token'), 'confirm');
    const goal = await loadGoal(deps, ref);
    if (goal.status === 'pending') return c.html(<ConfirmPage goal={goal} nonce={nonce(c)} action={c.req.path} />);
    const goalUrl = goalPagePath(deps.config, goal, deps.clock.now());
    return c.html(<AlreadyConfirmedPage goal={goal} nonce={nonce(c)} goalUrl={goalUrl} />);
  });

  app.post('/c/:token', async (c) => {
    const ref = readGoalToken(deps, c.req.param('token'), 'confirm');
    const { result, goal } = await confirmGoal(deps, ref);
    const goalUrl = goalPagePath(deps.config, goal, deps.clock.now());
    if (result === 'activated') return c.redirect(`${goalUrl}?confirmed=1`, 303);
    return c.html(<AlreadyConfirmedPage goal={goal} nonce={nonce(c)} goalUrl={goalUrl} />);
  });

  app.get('/g/:token', async (c) => {
    const goal = await loadGoal(deps, readGoalToken(deps, c.req.param('token'), 'goal'));
    const justConfirmed = c.req.query('confirmed') === '1' && goal.status === 'active';
    return c.html(<GoalPage goal={goal} nonce={nonce(c)} justConfirmed={justConfirmed} />);
  });

  app.notFound((c) => errorPage(c, 404, 'error.notFound'));

  app.onError((error, c) => {
    if (error instanceof DomainError) return errorPage(c, error.status, error.messageKey);
    if (error instanceof HTTPException) {
      if (error.status === 403) return errorPage(c, 403, 'error.forbidden');
      if (error.status === 413) return errorPage(c, 413, 'error.tooLarge');
      if (error.status < 500) return errorPage(c, 400, 'error.forbidden');
    }
    // A store or mailer failure: nothing the person sent was wrong, and they see no internals.
    console.error(JSON.stringify({ level: 'error', msg: 'request failed', path: c.req.path, error: String(error) }));
    return errorPage(c, 503, 'error.unavailable');
  });

  return app;
}
