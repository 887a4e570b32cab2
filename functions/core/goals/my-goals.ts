// "Find my goals": someone with no email at hand types their address and gets one email listing every
// goal it owns and follows as a buddy, each with a fresh link, and a link to /me/<token> (an hour) that
// lists them with their state and next check-in. The page that asks answers the same for every address.
import { ownerLabel } from '../buddy/buddy-emails.js';
import { findSupporter } from '../buddy/supporters.js';
import { escapeHtml } from '../../../templates/escape.js';
import { light } from '../../../templates/palette.js';
import { renderEmail } from '../emails/render.js';
import '../../../templates/compiled/emails/my-goals.js';
import { asShownToOthers, unlinked } from '../emails/unlinked.js';
import { afterSaved, LimitReached } from '../errors.js';
import { t, type Locale } from '../i18n/messages.js';
import type { CoreConfig, Deps, OutgoingEmail } from '../ports.js';
import { signToken } from '../tokens/tokens.js';
import { pathTo } from '../links/paths.js';
import type { Goal, Person } from '../goal.js';
import { buddyPageUrl, goalPageUrl, neverEmailUrl, replyAddress } from '../links/links.js';

/** How long the emailed /me link works: enough to read the email, short because it lists everything. */
export const MY_GOALS_TTL_SECONDS = 60 * 60;
/** Rationed like sign-up: each ask may send an email to whatever address is typed. */
export const FINDS_PER_IP_PER_HOUR = 20;
export const FINDS_PER_ADDRESS_PER_DAY = 5;

/** One goal as the listing shows it: the owner's own, or one followed as a buddy. */
export interface ListedGoal {
  goal: Goal;
  role: 'owner' | 'buddy';
  /** A fresh link: the goal page for the owner, the buddy page for a buddy. */
  url: string;
}

/** Every goal the address owns (confirmed: pending ones expire unseen) and follows as a current buddy. */
export async function goalsOf(deps: Pick<Deps, 'store' | 'config' | 'clock'>, email: string): Promise<ListedGoal[]> {
  const now = deps.clock.now();
  const owned = (await deps.store.listGoals(email)).filter((g) => g.status !== 'pending');
  const links = (await deps.store.listBuddyLinks(email)).filter((l) => l.status === 'accepted');
  const followed = (await Promise.all(links.map((l) => deps.store.getGoal(l.owner, l.goalId)))).filter(
    (g): g is Goal => g !== undefined && g.status !== 'pending' && findSupporter(g, email)?.status === 'accepted',
  );
  const buddyUrl = followed.length > 0 ? buddyPageUrl(deps.config, email, now) : '';
  return [
    ...owned.map((goal) => ({ goal, role: 'owner' as const, url: goalPageUrl(deps.config, goal, now) })),
    ...followed.map((goal) => ({ goal: asShownToOthers(goal), role: 'buddy' as const, url: buddyUrl })),
  ];
}

/** The /me link: names the address and, like the goal page's links, ends when every link is signed out. */
export function myGoalsUrl(config: CoreConfig, person: Pick<Person, 'email' | 'linkGeneration'>, now: Date): string {
  const generation = person.linkGeneration ? { generation: person.linkGeneration } : {};
  const token = signToken(config.keys, { purpose: 'me', subject: [person.email], expiresAt: Math.floor(now.getTime() / 1000) + MY_GOALS_TTL_SECONDS, ...generation });
  return config.baseUrl + pathTo('me', token);
}

/** Counts one ask from this client and for this address; LimitReached past either allowance. */
export async function allowFind(deps: Pick<Deps, 'store' | 'clock'>, clientIp: string, email: string): Promise<void> {
  const now = deps.clock.now();
  const epoch = Math.floor(now.getTime() / 1000);
  if ((await deps.store.countRate('find-ip', clientIp, now.toISOString().slice(0, 13), epoch + 2 * 3600)) > FINDS_PER_IP_PER_HOUR) throw new LimitReached('error.rate.find');
  if ((await deps.store.countRate('find-address', email, now.toISOString().slice(0, 10), epoch + 2 * 86400)) > FINDS_PER_ADDRESS_PER_DAY) throw new LimitReached('error.rate.find');
}

/**
 * Emails the list to `email` when it has any goal; nothing to a suppressed address, nothing to one without
 * goals (a stranger's address gets no mail from a form anyone can fill in). The caller answers the same
 * page either way. The language: the person's own, else the page's.
 */
export async function findMyGoals(deps: Deps, email: string, pageLocale: Locale): Promise<void> {
  if (await deps.store.isSuppressed(email)) return;
  const listed = await goalsOf(deps, email);
  if (listed.length === 0) return;
  const person = await deps.store.getPerson(email);
  const locale = person?.locale ?? (await deps.store.getBuddyLocale(email)) ?? listed[0]?.goal.locale ?? pageLocale;
  const generation = person?.linkGeneration ?? listed.find((l) => l.role === 'owner')?.goal.linkGeneration;
  const mail = myGoalsEmail(deps.config, { email, ...(generation ? { linkGeneration: generation } : {}) }, locale, listed, deps.clock.now());
  await afterSaved('error.email.linkNotSent', () => deps.mailer.send(mail));
}

/** A goal's line in the list: whose, the words, and its state. */
function describe(entry: ListedGoal, locale: Locale) {
  const { goal } = entry;
  const whose = entry.role === 'owner' ? t(locale, 'me.open') : t(locale, 'me.ownerGoal', { owner: ownerLabel(goal) });
  const text = entry.role === 'owner' ? goal.text : unlinked(goal.text);
  return { whose, text, state: t(locale, 'me.state', { status: t(locale, `goal.status.${goal.status}`) }) };
}

export function myGoalsEmail(config: CoreConfig, person: Pick<Person, 'email' | 'linkGeneration'>, locale: Locale, listed: ListedGoal[], now: Date): OutgoingEmail {
  const sections = (['owner', 'buddy'] as const)
    .map((role) => ({ role, entries: listed.filter((l) => l.role === role) }))
    .filter((s) => s.entries.length > 0);
  const heading = (role: 'owner' | 'buddy') => t(locale, role === 'owner' ? 'me.owned' : 'me.followed');
  const html = sections
    .map(
      ({ role, entries }) =>
        `<p style="margin:16px 0 4px;font-weight:bold">${escapeHtml(heading(role))}</p>` +
        entries
          .map((entry) => {
            const { whose, text, state } = describe(entry, locale);
            return (
              `<p style="margin:0 0 12px">“${escapeHtml(text)}”<br />${escapeHtml(state)}<br />` +
              `<a class="k-link" href="${escapeHtml(entry.url)}" style="color:${light.accent}">${escapeHtml(whose)}</a></p>`
            );
          })
          .join(''),
    )
    .join('');
  const text = sections
    .map(({ role, entries }) => `${heading(role)}\n\n${entries.map((entry) => {
      const { whose, text: words, state } = describe(entry, locale);
      return `  "${words}"\n  ${state}\n  ${whose}: ${entry.url}`;
    }).join('\n\n')}`)
    .join('\n\n');
  const rendered = renderEmail(
    'my-goals',
    locale,
    { meUrl: myGoalsUrl(config, person, now), neverUrl: neverEmailUrl(config, person.email, locale, now) },
    { html: { goals: html }, text: { goals: text } },
  );
  // A reply reaches one of the goals listed (every email's Reply-To is on the inbound path).
  const replyGoal = listed[0]?.goal;
  return { to: person.email, ...rendered, ...(replyGoal ? { replyTo: replyAddress(config, replyGoal) } : {}), headers: { 'Auto-Submitted': 'auto-generated' } };
}
