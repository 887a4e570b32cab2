// The HTTP app, built from its dependencies: the same app runs on Lambda, locally and in tests.
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { DomainError, EmailNotSent } from '../core/errors.js';
import { t, type MessageKey } from '../core/i18n/messages.js';
import type { Deps } from '../core/ports.js';
import { limitBody } from './body-limit.js';
import { errorMessage } from './error-messages.js';
import { nonce, requestLocale, type Env } from './context.js';
import { describeFailure, failureKind, powertoolsReporter, type FailureReporter } from './failures.js';
import { ErrorPage } from './pages/message-page.js';
import { addressCheckRoutes } from './routes/address-check.js';
import { buddyRoutes } from './routes/buddy.js';
import { checkinRoutes } from './routes/checkin.js';
import { circleRoutes } from './routes/circles.js';
import { confirmRoutes } from './routes/confirm.js';
import { goalRoutes } from './routes/goal.js';
import { myGoalsRoutes } from './routes/my-goals.js';
import { neverRoutes } from './routes/never.js';
import { signupRoutes } from './routes/signup.js';
import { stepUpRoutes } from './routes/step-up.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';

const MAX_FORM_BYTES = 32 * 1024;

type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 413 | 429 | 500 | 503;

export interface AppOptions {
  /** Where a 5xx is reported; by default Powertools' log line and metric, as in Lambda. */
  reportFailure?: FailureReporter;
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const reportFailure = options.reportFailure ?? powertoolsReporter();
  const app = new Hono<Env>();
  const baseOrigin = new URL(deps.config.baseUrl).origin;

  const errorPage = (c: Context, status: ErrorStatus, key: MessageKey) =>
    c.html(<ErrorPage locale={requestLocale(c)} nonce={nonce(c)} message={t(requestLocale(c), key)} />, status);

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: [NONCE],
        styleSrc: [NONCE],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  // Pages carry signed links and personal data, the export all of it: no browser or proxy keeps a copy.
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  });
  const sameOrigin = (origin: string, c: Context) => origin === baseOrigin || origin === new URL(c.req.url).origin;
  const csrfCheck = csrf({ origin: sameOrigin });
  // One-click unsubscribe and leaving are posted by mail providers, without an Origin (routes/unsubscribe.tsx);
  // only those two exact forms, nothing below them.
  const oneClick = (path: string) => /^\/(u|bl)\/[^/]*$/.test(path);
  // csrf() looks only at the types a cross-site <form> can send; a POST that changes something is checked
  // whatever its Content-Type (browsers send Origin with every POST). /api/analyze only reads, and takes JSON.
  const fromOurPages = (c: Context) => c.req.header('sec-fetch-site') === 'same-origin' || sameOrigin(c.req.header('origin') ?? '', c);
  app.use((c, next) => {
    if (c.req.method !== 'POST' || c.req.path === '/api/analyze') return csrfCheck(c, next);
    if (oneClick(c.req.path)) return next();
    if (!fromOurPages(c)) throw new HTTPException(403);
    return next();
  });
  app.on('POST', '*', limitBody(MAX_FORM_BYTES, (c) => errorPage(c, 413, 'error.tooLarge')));

  signupRoutes(app, deps);
  confirmRoutes(app, deps);
  goalRoutes(app, deps);
  checkinRoutes(app, deps);
  unsubscribeRoutes(app, deps);
  buddyRoutes(app, deps);
  neverRoutes(app, deps);
  stepUpRoutes(app, deps);
  circleRoutes(app, deps);
  myGoalsRoutes(app, deps, reportFailure);
  addressCheckRoutes(app);

  app.notFound((c) => errorPage(c, 404, 'error.notFound'));

  app.onError((error, c) => {
    if (error instanceof DomainError && error.status < 500) return errorPage(c, error.status, errorMessage(error, c.req.path));
    if (error instanceof HTTPException) {
      if (error.status === 403) return errorPage(c, 403, 'error.forbidden');
      if (error.status === 413) return errorPage(c, 413, 'error.tooLarge');
      if (error.status < 500) return errorPage(c, 400, 'error.forbidden');
    }
    // A store or mailer failure: nothing the person sent was wrong, and they see no internals — only, when an
    // email after a saved change failed, what was kept. The operator gets the route and the kind.
    reportFailure({ kind: failureKind(error), method: c.req.method, route: c.req.routePath, status: 503, error: describeFailure(error) });
    return errorPage(c, 503, error instanceof EmailNotSent || error instanceof DomainError ? error.messageKey : 'error.unavailable');
  });

  return app;
}
