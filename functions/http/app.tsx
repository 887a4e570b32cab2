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
import { nonce, pageLocale, type Env } from './context.js';
import { describeFailure, failureKind, powertoolsReporter, type FailureReporter } from './failures.js';
import { ErrorPage } from './pages/message-page.js';
import { paths } from '../core/links/paths.js';

const MAX_FORM_BYTES = 32 * 1024;

type ErrorStatus = 400 | 403 | 404 | 409 | 410 | 413 | 429 | 500 | 503;

export interface AppOptions {
  /** Where a 5xx is reported; by default Powertools' log line and metric, as in Lambda. */
  reportFailure?: FailureReporter;
}

/** Registers a group's routes on the app. */
type RegisterRoutes = (app: Hono<Env>, deps: Deps, reportFailure: FailureReporter) => void;

interface RouteGroup {
  /** Where its routes start: the group serves every path whose first segment is one of these paths' first. */
  starts: string[];
  load: () => Promise<RegisterRoutes>;
}

/**
 * The web function's routes, in groups each loaded on the first request that needs it: a cold start for a
 * check-in click loads the check-in pages, not the sign-up form, the goal page or the emails those send (esbuild
 * puts each import() in a chunk of its own). A new group of pages is one entry here; test/unit/route-table.test.ts
 * checks that every route is reached through its group.
 */
export const routeGroups: Record<string, RouteGroup> = {
  signup: { starts: [paths.signup, '/goals', '/api/analyze'], load: async () => (await import('./routes/signup.js')).signupRoutes },
  confirm: { starts: [paths.confirm], load: async () => (await import('./routes/confirm.js')).confirmRoutes },
  goal: { starts: [paths.goal], load: async () => (await import('./routes/goal.js')).goalRoutes },
  checkin: { starts: [paths.record, paths.week], load: async () => (await import('./routes/checkin.js')).checkinRoutes },
  unsubscribe: { starts: [paths.unsubscribe], load: async () => (await import('./routes/unsubscribe.js')).unsubscribeRoutes },
  buddy: { starts: [paths.invite, paths.react, paths['buddy-leave'], paths.buddy], load: async () => (await import('./routes/buddy.js')).buddyRoutes },
  never: { starts: [paths.never], load: async () => (await import('./routes/never.js')).neverRoutes },
  stepUp: { starts: [paths.export, paths.erase, paths['buddy-change'], paths.forget], load: async () => (await import('./routes/step-up.js')).stepUpRoutes },
  myGoals: { starts: [paths.find, paths.me], load: async () => (await import('./routes/my-goals.js')).myGoalsRoutes },
  circles: {
    starts: [paths.circle, paths['circle-invite'], paths['circle-join'], paths['circle-change'], paths['circle-cheer'], paths['circle-quiet'], paths.goal],
    load: async () => (await import('./routes/circles.js')).circleRoutes,
  },
  addressCheck: { starts: ['/api/address'], load: async () => (await import('./routes/address-check.js')).addressCheckRoutes },
};

/** A path's first segment: `/r/abc` → `r`, `/` → ``. */
export const firstSegment = (path: string) => path.split('/')[1] ?? '';

const bySegment = new Map<string, string[]>();

/** The groups that may serve a path (worked out once per first segment). */
export function groupsFor(path: string): string[] {
  const segment = firstSegment(path);
  let names = bySegment.get(segment);
  if (!names) {
    names = Object.entries(routeGroups)
      .filter(([, group]) => group.starts.some((start) => firstSegment(start) === segment))
      .map(([name]) => name);
    // Only the segments some group starts at are kept: a stranger's paths cannot grow the map.
    if (names.length) bySegment.set(segment, names);
  }
  return names;
}

/**
 * The app: each request goes to an app of the groups its path may reach, built on first use and kept (the same
 * headers, CSRF check, error pages for all). A path no group serves gets the 404 page without loading any.
 */
export function createApp(deps: Deps, options: AppOptions = {}): Hono<Env> {
  const reportFailure = options.reportFailure ?? powertoolsReporter();
  const built = new Map<string, Promise<Hono<Env>>>();
  const appFor = (names: string[]) => {
    const key = names.join(' ');
    let app = built.get(key);
    if (!app) {
      app = Promise.all(names.map((name) => routeGroups[name]!.load())).then((groups) => buildApp(deps, reportFailure, groups));
      // A failed import is tried again on the next request rather than kept.
      app.catch(() => built.delete(key));
      built.set(key, app);
    }
    return app;
  };
  return new Hono<Env>().all('*', async (c) => (await appFor(groupsFor(c.req.path))).fetch(c.req.raw, c.env));
}

/** Every group loaded at once (the route table's test, and anything else that lists routes). */
export async function createFullApp(deps: Deps, options: AppOptions = {}): Promise<Hono<Env>> {
  const groups = await Promise.all(Object.values(routeGroups).map((group) => group.load()));
  return buildApp(deps, options.reportFailure ?? powertoolsReporter(), groups);
}

function buildApp(deps: Deps, reportFailure: FailureReporter, groups: RegisterRoutes[]): Hono<Env> {
  const app = new Hono<Env>();
  const baseOrigin = new URL(deps.config.baseUrl).origin;

  const errorPage = (c: Context, status: ErrorStatus, key: MessageKey) =>
    c.html(<ErrorPage locale={pageLocale(c)} nonce={nonce(c)} message={t(pageLocale(c), key)} />, status);

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
  // One-click unsubscribe, leaving and the circle email's unsubscribe are posted by mail providers, without an
  // Origin (routes/unsubscribe.tsx); only those exact forms, nothing below them.
  const oneClick = (path: string) => /^\/(u|bl|cq)\/[^/]*$/.test(path);
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

  for (const register of groups) register(app, deps, reportFailure);

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
