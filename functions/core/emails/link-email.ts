// Links emailed at the moment someone asks for them on a page: the goal page ("email me my goal page",
// after signing every link out), a step-up link (export, delete everything, a new buddy) and a buddy's
// "delete what Kompis knows about me". They go only to the address the link names, a few an hour.
import { afterSaved, LimitReached } from '../errors.js';
import type { Goal } from '../goal.js';
import { forgetUrl, goalPageUrl, footerUrls, replyAddress, stepUpUrl, type StepUp } from '../links/links.js';
import { t, type Locale, type MessageKey, type Vars } from '../i18n/messages.js';
import type { CoreConfig, Deps, OutgoingEmail } from '../ports.js';
import { renderEmail } from './render.js';
import '../../../templates/compiled/emails/link.js';

/** Links emailed on request to one address in an hour; "self-mail" counters go with the address. */
export const LINK_EMAILS_PER_HOUR = 5;

export type LinkEmailKind = 'goal' | 'signedOut' | StepUp | 'forget' | 'circleInvite' | 'circleJoin' | 'circleRemove' | 'circleClose';

/** Counts one link email to `to` in this hour; LimitReached past the allowance. */
export async function allowLinkEmail(deps: Pick<Deps, 'store' | 'clock'>, to: string): Promise<void> {
  const now = deps.clock.now();
  const count = await deps.store.countRate('self-mail', to, now.toISOString().slice(0, 13), Math.floor(now.getTime() / 1000) + 2 * 3600);
  if (count > LINK_EMAILS_PER_HOUR) throw new LimitReached('error.rate.selfMail');
}

/** The goal a reply to a link email reaches (every email's Reply-To lands on the inbound path). */
type ReplyGoal = Pick<Goal, 'id'>;

/** The email itself: what it is for, one button, how long the link lasts. */
export function linkEmail(config: CoreConfig, to: string, locale: Locale, kind: LinkEmailKind, url: string, vars: Vars, now: Date, replyGoal?: ReplyGoal): OutgoingEmail {
  const text = (part: string) => t(locale, `link.${kind}.${part}` as MessageKey, vars);
  const rendered = renderEmail('link', locale, {
    subject: text('subject'),
    body: text('body'),
    button: text('button'),
    note: text('note'),
    url,
    ...footerUrls(config, to, locale, now),
  });
  return { to, ...rendered, ...(replyGoal ? { replyTo: replyAddress(config, replyGoal) } : {}), headers: { 'Auto-Submitted': 'auto-generated' } };
}

async function sendLink(deps: Deps, to: string, locale: Locale, kind: LinkEmailKind, url: string, replyGoal: ReplyGoal | undefined, vars: Vars = {}, allowed = false): Promise<void> {
  if (!allowed) await allowLinkEmail(deps, to);
  // Asking for a link changes nothing but the hourly counter: a link that could not be sent says just that.
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(linkEmail(deps.config, to, locale, kind, url, vars, deps.clock.now(), replyGoal)));
}

/** A fresh link to the goal page, to the owner only; `allowed` when allowLinkEmail was called for it already. */
export function emailGoalPage(deps: Deps, goal: Goal, kind: 'goal' | 'signedOut' = 'goal', allowed = false): Promise<void> {
  return sendLink(deps, goal.owner, goal.locale, kind, goalPageUrl(deps.config, goal, deps.clock.now()), goal, {}, allowed);
}

/** A 30-minute link for one step-up action; `extra` goes into the link (e.g. the new buddy), `value` too (1: added as another supporter). */
export function emailStepUp(deps: Deps, goal: Goal, action: StepUp, extra: string[] = [], vars: Vars = {}, value?: number): Promise<void> {
  return sendLink(deps, goal.owner, goal.locale, action, stepUpUrl(deps.config, goal, action, deps.clock.now(), extra, value), goal, vars);
}

/** A buddy's 30-minute link to erase themselves; a reply reaches one of the goals they follow. */
export function emailForget(deps: Deps, person: string, locale: Locale, followed?: ReplyGoal): Promise<void> {
  return sendLink(deps, person, locale, 'forget', forgetUrl(deps.config, person, locale, deps.clock.now()), followed);
}
