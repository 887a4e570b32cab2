// The goals behind every page a person meets, in both languages, made through the same core functions the
// app uses on DynamoDB Local and local SES, on one timeline: sign-up on Monday 2 March 2026, four weekly
// check-ins, a goal that finished, one paused, one waiting for confirmation, a buddy who said yes, one
// invited, one who left, a person who deleted everything. Returns the links each page is opened with.
import { joinCircle, startCircle } from '../../functions/core/circles/membership.js';
import { cheerUrl, circleChangeUrl, circleInvitationUrl, circleJoinUrl, circlePageUrl } from '../../functions/core/circles/circle-links.js';
import { myGoalsUrl } from '../../functions/core/goals/my-goals.js';
import { acceptInvitation, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { addSupporter } from '../../functions/core/buddy/supporters-owner.js';
import { ADD_SUPPORTER } from '../../functions/http/routes/supporters.js';
import { reactionKinds } from '../../functions/core/buddy/buddy-emails.js';
import { pauseGoal } from '../../functions/core/goals/actions.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import type { Goal } from '../../functions/core/goal.js';
import {
  buddyLeaveUrl,
  buddyPageUrl,
  confirmUrl,
  forgetUrl,
  goalPageUrl,
  invitationUrl,
  neverEmailUrl,
  reactionUrl,
  recordUrl,
  stepUpUrl,
  unsubscribeUrl,
  weekPageUrl,
} from '../../functions/core/links/links.js';
import { signOutEveryLink } from '../../functions/core/goals/sign-out.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { locales, type Locale } from '../../functions/core/i18n/messages.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import type { FixedClock } from './deps.js';
import { aSignupForm, uniqueEmail, type FormFields } from './factories.js';
import { anActiveGoal } from './goals.js';
import { tickAt } from './weekly.js';

export type JourneyDeps = Deps & { clock: FixedClock };

/** Friday check-ins at 15:00 Oslo (14:00 UTC until the clocks change on 29 March). */
const CHECKIN = (week: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (week - 1) * 7 * 86400_000).toISOString();
/** Where the journey stops: Friday of week 4, an hour after its check-in. */
export const JOURNEY_NOW = '2026-03-27T15:00:00Z';

const words = {
  nb: {
    goal: 'Få kontakt med minst 2 beslutningstakere innen økonomi hver uke dette kvartalet',
    short: 'Ta en kaffe med 2 nye kolleger hver uke',
    note: 'To på frokostmøtet, en over lunsj',
  },
  en: {
    goal: 'Meet at least 2 finance decision makers every week this quarter',
    short: 'Have coffee with 2 new colleagues every week',
    note: 'Two at the breakfast meetup, one over lunch',
  },
} as const;

export interface JourneyLinks {
  locale: Locale;
  owner: string;
  buddy: string;
  /** The goal in week 4 of 13, with a buddy who said yes. */
  goal: string;
  record: string;
  week: string;
  unsubscribe: string;
  reaction: string;
  reactionAsk: string;
  leave: string;
  buddyPage: string;
  stepUpExport: string;
  stepUpErase: string;
  stepUpBuddy: string;
  /** The same link, adding one more supporter (issue 20). */
  stepUpSupporter: string;
  forget: string;
  never: string;
  /** A goal with no buddy, to name one (and get it wrong). */
  noBuddyGoal: string;
  pausedGoal: string;
  completedGoal: string;
  completedWeek: string;
  /** A goal written down, not confirmed. */
  confirm: string;
  /** A buddy asked, not yet answered. */
  invitation: string;
  /** Goals a page visit changes: stopped under an open week page, erased, unsubscribed, stopped for good. */
  stopUnderWeek: { goal: Goal; week: string };
  eraseDone: string;
  unsubscribeDone: string;
  stopGoal: string;
  neverDone: string;
  forgetDone: string;
  /** Pages that explain a link that no longer works. */
  expired: string;
  signedOut: string;
  deletedGoal: string;
  deletedForBuddy: string;
  buddyLeft: string;
  /** The week page of an owner who has asked for 5 links this hour already. */
  limitedWeek: string;
  /** "Find my goals": the emailed list of the main goal's owner. */
  myGoals: string;
  /** Circles (issue 20): the main goal organises one with the paused goal's owner as member. */
  circle: { start: string; organiser: string; member: string; invitation: string; join: string; joinNone: string; remove: string; close: string; cheer: string };
}

/** A goal's words in its language; in the test-only pseudo-language, the English ones. */
const wordsIn = (locale: Locale) => (words as Record<string, (typeof words)[Locale]>)[locale] ?? words.en;

async function aGoal(deps: JourneyDeps, locale: Locale, fields: FormFields = {}): Promise<Goal> {
  return anActiveGoal(deps, { locale, name: 'Ola Nordmann', goal: wordsIn(locale).goal, perWeek: '2', ...fields });
}

const fresh = (deps: Deps, goal: Goal) => deps.store.getGoal(goal.owner, goal.id).then((g) => g!);

/** Every goal of the journey in each language, on `deps`' table; the clock ends at JOURNEY_NOW. */
export async function buildJourney(deps: JourneyDeps, forLocales: readonly Locale[] = locales): Promise<Record<Locale, JourneyLinks>> {
  const config = deps.config;
  deps.clock.set('2026-03-02T09:00:00Z');
  const made = await Promise.all(
    forLocales.map(async (locale) => {
      const buddy = uniqueEmail('kari');
      const main = await aGoal(deps, locale, { buddyName: 'Kari Nordmann', buddyEmail: buddy });
      const invited = await aGoal(deps, locale, { buddyName: 'Per', buddyEmail: uniqueEmail('per') });
      // The main goal has a second supporter too (issue 20): the goal page lists them, with a way to remove them.
      await addSupporter(deps, main.owner, main.id, { email: uniqueEmail('lise'), name: 'Lise' });
      const left = await aGoal(deps, locale, { buddyName: 'Lars', buddyEmail: uniqueEmail('lars') });
      const erasedWithBuddy = await aGoal(deps, locale, { buddyName: 'Eva', buddyEmail: uniqueEmail('eva') });
      const completed = await aGoal(deps, locale, { goal: wordsIn(locale).short, weeks: '2' });
      const rest = await Promise.all(Array.from({ length: 8 }, () => aGoal(deps, locale)));
      const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale, goal: wordsIn(locale).goal, buddyName: 'Kari', buddyEmail: uniqueEmail('kari') })));
      return { locale, buddy, main, invited, left, erasedWithBuddy, completed, rest, pending };
    }),
  );
  // The invitations go out ten minutes after confirming; Kari, Lars and Eva say yes, Per has not answered.
  await tickAt(deps, '2026-03-02T09:30:00Z');
  for (const m of made) {
    for (const goal of [m.main, m.left, m.erasedWithBuddy]) await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy: goal.buddy!.email });
  }
  const answers: Record<number, { count: number; channel?: 'event' | 'linkedin'; note?: boolean }> = {
    1: { count: 2, channel: 'event', note: true },
    2: { count: 3, channel: 'linkedin' },
  };
  for (let week = 1; week <= 4; week++) {
    deps.clock.set(CHECKIN(week));
    await tickAt(deps, CHECKIN(week));
    deps.clock.set(new Date(Date.parse(CHECKIN(week)) + 3600_000));
    for (const m of made) {
      const answer = answers[week];
      if (answer) {
        const note = answer.note ? wordsIn(m.locale).note : undefined;
        for (const goal of [m.main, m.rest[0]!]) await recordAnswer(deps, await fresh(deps, goal), week, { ...answer, note, source: 'click' });
      }
      if (week <= 2) await recordAnswer(deps, await fresh(deps, m.completed), week, { count: week === 1 ? 2 : 1, source: 'click' });
    }
    // The 2-week goal's final report, two days after its last check-in, waits for the buddy-less week 2.
    if (week === 2) for (const at of ['2026-03-15T14:00:00Z', '2026-03-15T14:15:00Z']) await tickAt(deps, at);
  }
  deps.clock.set(JOURNEY_NOW);
  const now = deps.clock.now();
  const links = await Promise.all(
    made.map(async (m): Promise<JourneyLinks> => {
      const { locale, buddy } = m;
      const main = await fresh(deps, m.main);
      const [paused, noBuddy, stopUnder, erase, unsubscribe, stop, signedOut, limited] = m.rest;
      await pauseGoal(deps, { owner: paused!.owner, goalId: paused!.id }, new Date('2026-04-09T22:00:00Z'));
      await signOutEveryLink(deps, signedOut!);
      for (let i = 0; i < 5; i++) await deps.store.countRate('self-mail', limited!.owner, now.toISOString().slice(0, 13), Math.floor(now.getTime() / 1000) + 7200);
      const leftBuddy = m.left.buddy!.email;
      const leftReaction = reactionUrl(config, m.left, leftBuddy, 4, 0, now);
      await releaseBuddy(deps, { owner: m.left.owner, goalId: m.left.id, buddy: leftBuddy }, 'left');
      const erasedBuddy = m.erasedWithBuddy.buddy!.email;
      const deletedGoal = goalPageUrl(config, m.erasedWithBuddy, now);
      const deletedForBuddy = reactionUrl(config, m.erasedWithBuddy, erasedBuddy, 4, 0, now);
      await deleteEverything(deps, m.erasedWithBuddy.owner);
      const twoYearsAgo = new Date(now.getTime() - 2 * 365 * 86400_000);
      const circle = await startCircle(deps, main, { name: 'Salgsteamet', memberName: 'Ola Nordmann', sharedTarget: { text: `${wordsIn(locale).short} Salgsteametskvartalsmålforførsteogandrekvartal2026`, total: 40 } });
      // (One long word in the shared target: a pasted name or address must not widen the page, re-attack A2.)
      const member = await fresh(deps, paused!);
      await joinCircle(deps, circle.id, member, 'Kari Nordmann');
      // Four members, one with a long name: the organiser's page must still fit a phone (re-attack R2).
      await joinCircle(deps, circle.id, await fresh(deps, m.invited), 'Lars Andreas Nordmann-Berg');
      await joinCircle(deps, circle.id, await fresh(deps, m.left), 'Per');
      return {
        locale,
        owner: main.owner,
        buddy,
        goal: goalPageUrl(config, main, now),
        record: recordUrl(config, main, 4, 3, now),
        week: weekPageUrl(config, main, 4, now),
        unsubscribe: unsubscribeUrl(config, main, now),
        reaction: reactionUrl(config, main, buddy, 3, reactionKinds.indexOf('applause'), now),
        reactionAsk: reactionUrl(config, main, buddy, 3, reactionKinds.indexOf('ask'), now),
        leave: buddyLeaveUrl(config, main, buddy, now),
        buddyPage: buddyPageUrl(config, buddy, now),
        stepUpExport: stepUpUrl(config, main, 'export', now),
        stepUpErase: stepUpUrl(config, main, 'erase', now),
        stepUpBuddy: stepUpUrl(config, noBuddy!, 'buddy-change', now, [uniqueEmail('nora'), 'Nora']),
        stepUpSupporter: stepUpUrl(config, main, 'buddy-change', now, [uniqueEmail('nils'), 'Nils'], ADD_SUPPORTER),
        forget: forgetUrl(config, buddy, locale, now),
        never: neverEmailUrl(config, main.owner, locale, now),
        noBuddyGoal: goalPageUrl(config, noBuddy!, now),
        pausedGoal: goalPageUrl(config, (await fresh(deps, paused!))!, now),
        completedGoal: goalPageUrl(config, m.completed, now),
        completedWeek: weekPageUrl(config, m.completed, 2, now),
        confirm: confirmUrl(config, m.pending, now),
        invitation: invitationUrl(config, m.invited, m.invited.buddy!.email, now),
        stopUnderWeek: { goal: stopUnder!, week: weekPageUrl(config, stopUnder!, 4, now) },
        eraseDone: stepUpUrl(config, erase!, 'erase', now),
        unsubscribeDone: unsubscribeUrl(config, unsubscribe!, now),
        stopGoal: goalPageUrl(config, stop!, now),
        neverDone: neverEmailUrl(config, uniqueEmail('never'), locale, now),
        forgetDone: forgetUrl(config, uniqueEmail('gone'), locale, now),
        expired: goalPageUrl(config, main, twoYearsAgo),
        signedOut: goalPageUrl(config, signedOut!, new Date('2026-03-02T09:00:00Z')),
        deletedGoal,
        deletedForBuddy,
        buddyLeft: leftReaction,
        limitedWeek: weekPageUrl(config, limited!, 4, now),
        myGoals: myGoalsUrl(config, { email: main.owner }, now),
        circle: {
          start: `${goalPageUrl(config, noBuddy!, now)}/circle`,
          organiser: circlePageUrl(config, circle.id, main, now),
          member: circlePageUrl(config, circle.id, member, now),
          invitation: circleInvitationUrl(config, circle, now),
          join: circleJoinUrl(config, circle.id, noBuddy!.owner, 'Nora', now),
          joinNone: circleJoinUrl(config, circle.id, uniqueEmail('new'), 'Nils', now),
          remove: circleChangeUrl(config, circle.id, main, 'remove', now, member.id),
          close: circleChangeUrl(config, circle.id, main, 'close', now),
          cheer: cheerUrl(config, circle.id, member.id, main.id, 1, 'clap', now),
        },
      };
    }),
  );
  return Object.fromEntries(links.map((l) => [l.locale, l])) as Record<Locale, JourneyLinks>;
}
