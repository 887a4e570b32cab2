// Every page of the journey, in the order a person meets them, as steps a browser takes: open a link,
// fill a form, click. Each step ends on the page to look at. Pages reached by a form are reached by
// that form, so what is screenshotted is what the server answers to a real submission.
import type { Page } from 'playwright-core';
import { stopGoal } from '../../functions/core/goals/actions.js';
import type { Locale } from '../../functions/core/i18n/messages.js';
import type { JourneyDeps, JourneyLinks } from './page-journey.js';

/** Which browser a page is opened in: with script, without, or without script in a remembered browser. */
export type Browsing = 'script' | 'no-script' | 'remembered';

export interface Screen {
  name: string;
  browsing?: Browsing;
  /** The status the page is answered with (the last navigation's). */
  status: number;
  visit: (page: Page, links: JourneyLinks, deps: JourneyDeps) => Promise<unknown>;
}

const submit = (page: Page, form: string) => page.locator(`${form} [type=submit]`).first().click();
const goto = (page: Page, url: string) => page.goto(url, { waitUntil: 'load' });

/** The page a form answers with: open the link, send its form. */
const submitted = (name: string, link: keyof JourneyLinks, form = 'main form'): Screen => ({
  name,
  status: 200,
  visit: async (page, l) => {
    await goto(page, l[link] as string);
    await submit(page, form);
  },
});

/** A form sent back with errors (400): open the link, fill one field, send. */
const sentWithErrors = (name: string, link: (l: JourneyLinks) => string, field: string, value: string): Screen => ({
  name,
  status: 400,
  visit: async (page, l) => {
    await goto(page, link(l));
    await page.fill(field, value);
    await submit(page, 'main form');
  },
});

const vague: Record<Locale, string> = { nb: 'Treffe nye kunder', en: 'Meet new customers' };
const clear: Record<Locale, string> = { nb: 'Møte 3 Go-utviklere hver uke i 6 uker', en: 'Meet 3 Go developers every week for 6 weeks' };

export const screens: Screen[] = [
  { name: 'signup-empty', status: 200, visit: (page, l) => goto(page, `${new URL(l.goal).origin}/?lang=${l.locale}`) },
  {
    name: 'signup-errors',
    status: 400,
    visit: async (page, l) => {
      await goto(page, `${new URL(l.goal).origin}/?lang=${l.locale}`);
      await page.fill('#email', 'not-an-address');
      await page.fill('#goal', clear[l.locale]);
      await page.fill('#buddyName', 'Kari');
      await submit(page, 'form[action="/goals"]');
    },
  },
  {
    name: 'signup-coaching',
    browsing: 'no-script',
    status: 200,
    visit: async (page, l) => {
      await goto(page, `${new URL(l.goal).origin}/?lang=${l.locale}`);
      await page.fill('#email', 'vague@example.com');
      await page.fill('#goal', vague[l.locale]);
      await page.fill('#perWeek', '1');
      await submit(page, 'form[action="/goals"]');
    },
  },
  {
    name: 'check-inbox',
    status: 200,
    visit: async (page, l) => {
      await goto(page, `${new URL(l.goal).origin}/?lang=${l.locale}`);
      await page.fill('#email', `new-${crypto.randomUUID().slice(0, 8)}@example.com`);
      await page.fill('#goal', clear[l.locale]);
      await submit(page, 'form[action="/goals"]');
    },
  },
  { name: 'find-my-goals', status: 200, visit: (page, l) => goto(page, `${new URL(l.goal).origin}/find?lang=${l.locale}`) },
  {
    name: 'find-my-goals-sent',
    status: 200,
    visit: async (page, l) => {
      await goto(page, `${new URL(l.goal).origin}/find?lang=${l.locale}`);
      await page.fill('#email', l.owner);
      await submit(page, 'form[action^="/find"]');
    },
  },
  { name: 'my-goals', status: 200, visit: (page, l) => goto(page, l.myGoals) },
  { name: 'confirm', status: 200, visit: (page, l) => goto(page, l.confirm) },
  { name: 'landing-first', status: 200, visit: (page, l) => goto(page, l.record) },
  {
    name: 'week-open',
    status: 200,
    // The one real click, with "remember this browser" ticked: the week page, and a remembered browser.
    visit: async (page, l) => {
      await goto(page, l.record);
      await Promise.all([page.waitForURL(/\/w\//), submit(page, '#record')]);
    },
  },
  { name: 'landing-remembered', browsing: 'remembered', status: 200, visit: (page, l) => goto(page, l.record) },
  { name: 'goal-active', status: 200, visit: (page, l) => goto(page, l.goal) },
  {
    name: 'goal-field-error',
    status: 400,
    visit: async (page, l) => {
      await goto(page, l.noBuddyGoal);
      await page.click('details#buddy > summary');
      await page.fill('#buddyEmail', 'kari-at-example');
      await submit(page, 'form[action$="/buddy"]');
    },
  },
  {
    name: 'goal-buddy-typo',
    browsing: 'no-script',
    status: 200,
    // A mistyped buddy address is asked about before any link is emailed (issue 18).
    visit: async (page, l) => {
      await goto(page, l.noBuddyGoal);
      await page.click('details#buddy > summary');
      await page.fill('#buddyEmail', 'kari@gmial.com');
      await submit(page, 'form[action$="/buddy"]');
    },
  },
  {
    name: 'signup-typo',
    browsing: 'no-script',
    status: 200,
    visit: async (page, l) => {
      await goto(page, `${new URL(l.goal).origin}/?lang=${l.locale}`);
      await page.fill('#email', 'ola@hotmial.com');
      await page.fill('#goal', clear[l.locale]);
      await submit(page, 'form[action="/goals"]');
    },
  },
  { name: 'goal-paused', status: 200, visit: (page, l) => goto(page, l.pausedGoal) },
  { name: 'goal-completed', status: 200, visit: (page, l) => goto(page, l.completedGoal) },
  {
    name: 'goal-stop-confirm',
    status: 200,
    // The first step: the danger zone's panel, and its link to the page that says what stops.
    visit: async (page, l) => {
      await goto(page, l.stopGoal);
      await page.click('details#stop > summary');
      await Promise.all([page.waitForURL(/\/stop$/), page.click('details#stop a[href$="/stop"]')]);
    },
  },
  {
    name: 'goal-stopped',
    status: 200,
    visit: async (page) => {
      await Promise.all([page.waitForURL(/\?done=stopped$/), submit(page, 'form[action$="/stop"]')]);
    },
  },
  { name: 'week-closed', status: 200, visit: (page, l) => goto(page, l.completedWeek) },
  {
    name: 'week-closed-post',
    status: 409,
    // The week page is open when the goal ends underneath it; what was typed must survive the save.
    visit: async (page, l, deps) => {
      await goto(page, l.stopUnderWeek.week);
      await stopGoal(deps, { owner: l.stopUnderWeek.goal.owner, goalId: l.stopUnderWeek.goal.id });
      await page.fill('#count', '2');
      await page.fill('#note', 'Lunsj med Kari og Per');
      await submit(page, 'form#week');
    },
  },
  { name: 'unsubscribe', status: 200, visit: (page, l) => goto(page, l.unsubscribe) },
  submitted('unsubscribe-done', 'unsubscribeDone'),
  { name: 'never', status: 200, visit: (page, l) => goto(page, l.never) },
  submitted('never-done', 'neverDone'),
  { name: 'step-up-export', status: 200, visit: (page, l) => goto(page, l.stepUpExport) },
  { name: 'step-up-erase', status: 200, visit: (page, l) => goto(page, l.stepUpErase) },
  submitted('step-up-erased', 'eraseDone'),
  { name: 'step-up-buddy', status: 200, visit: (page, l) => goto(page, l.stepUpBuddy) },
  { name: 'step-up-supporter', status: 200, visit: (page, l) => goto(page, l.stepUpSupporter) },
  { name: 'step-up-forget', status: 200, visit: (page, l) => goto(page, l.forget) },
  submitted('step-up-forgotten', 'forgetDone'),
  { name: 'buddy-invitation', status: 200, visit: (page, l) => goto(page, l.invitation) },
  submitted('buddy-accepted', 'invitation', 'form[action$="/accept"]'),
  { name: 'buddy-reaction', status: 200, visit: (page, l) => goto(page, l.reaction) },
  { name: 'buddy-reaction-ask', status: 200, visit: (page, l) => goto(page, l.reactionAsk) },
  { name: 'buddy-leave', status: 200, visit: (page, l) => goto(page, l.leave) },
  { name: 'buddy-page', status: 200, visit: (page, l) => goto(page, l.buddyPage) },
  // Circles (issue 20)
  { name: 'circle-start', status: 200, visit: (page, l) => goto(page, l.circle.start) },
  sentWithErrors('circle-start-errors', (l) => l.circle.start, '#sharedText', 'møter'),
  { name: 'circle-organiser', status: 200, visit: (page, l) => goto(page, l.circle.organiser) },
  { name: 'circle-member', status: 200, visit: (page, l) => goto(page, l.circle.member) },
  { name: 'circle-invitation', status: 200, visit: (page, l) => goto(page, l.circle.invitation) },
  // No name and no "yes": the server's own answer (an address the browser checks itself never leaves it).
  sentWithErrors('circle-invitation-errors', (l) => l.circle.invitation, '#email', 'nils@example.com'),
  { name: 'circle-join', status: 200, visit: (page, l) => goto(page, l.circle.join) },
  { name: 'circle-join-no-goal', status: 200, visit: (page, l) => goto(page, l.circle.joinNone) },
  { name: 'circle-step-up-remove', status: 200, visit: (page, l) => goto(page, l.circle.remove) },
  { name: 'circle-step-up-close', status: 200, visit: (page, l) => goto(page, l.circle.close) },
  { name: 'circle-cheer', status: 200, visit: (page, l) => goto(page, l.circle.cheer) },
  { name: 'error-404', status: 404, visit: (page, l) => goto(page, `${new URL(l.goal).origin}/no-such-page?lang=${l.locale}`) },
  { name: 'error-410-expired', status: 410, visit: (page, l) => goto(page, l.expired) },
  { name: 'error-410-signed-out', status: 410, visit: (page, l) => goto(page, l.signedOut) },
  { name: 'error-deleted-goal', status: 404, visit: (page, l) => goto(page, l.deletedGoal) },
  { name: 'error-deleted-goal-buddy', status: 404, visit: (page, l) => goto(page, l.deletedForBuddy) },
  { name: 'error-buddy-left', status: 410, visit: (page, l) => goto(page, l.buddyLeft) },
  {
    name: 'error-429',
    status: 429,
    visit: async (page, l) => {
      await goto(page, l.limitedWeek);
      await submit(page, 'form[action$="/goal-link"]');
    },
  },
];
