// The remembered browser: after one real click on a check-in's landing page the owner may let this
// browser record later one-click answers at once. The cookie holds a signed, encrypted token naming the
// owner and their link generation, so "sign out every link" forgets every remembered browser too. A mail
// scanner's sandbox never holds it, so without it the landing page never submits itself.
// Secure and __Host-: browsers treat http://127.0.0.1 and http://localhost as secure contexts, so this
// works locally too (checked in Chromium); over plain http on any other host the browser is simply not
// remembered, and every answer takes its one click.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Goal } from '../core/goal.js';
import { REMEMBER_TTL_SECONDS, rememberToken } from '../core/links/links.js';
import type { Deps } from '../core/ports.js';
import { verifyToken } from '../core/tokens/tokens.js';

const NAME = 'kompis-remember';
const options = { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Lax' } as const;

/** True when this request comes from a browser the goal's owner asked to remember, still signed in. */
export function isRemembered(deps: Deps, c: Context, goal: Goal): boolean {
  const value = getCookie(c, NAME, 'host');
  if (!value) return false;
  try {
    const claims = verifyToken(deps.config.keys, value, 'remember', deps.clock.now());
    return claims.subject[0] === goal.owner && (claims.generation ?? 0) === (goal.linkGeneration ?? 0);
  } catch {
    return false;
  }
}

export function remember(deps: Deps, c: Context, goal: Goal): void {
  setCookie(c, NAME, rememberToken(deps.config, goal, deps.clock.now()), { ...options, maxAge: REMEMBER_TTL_SECONDS });
}

/** Forgets this browser, if it was remembered. */
export function forget(c: Context): void {
  if (getCookie(c, NAME, 'host') !== undefined) deleteCookie(c, NAME, options);
}
