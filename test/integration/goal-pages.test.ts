// The goal page as a dashboard and its sections, stopping a goal in two steps, a week of a goal that has
// ended, and what a link to a deleted goal says — through the HTTP app on DynamoDB Local and local SES.
import { typoScript } from '../../functions/http/pages/address-typo.js';
import { describe, expect, it } from 'vitest';
import { acceptInvitation, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { stopGoal } from '../../functions/core/goals/actions.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import type { Goal } from '../../functions/core/goal.js';
import { buddyLeaveUrl, confirmUrl, goalPagePath, invitationUrl, reactionUrl, recordUrl, unsubscribeUrl, weekPagePath } from '../../functions/core/links/links.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { t, type Locale, type MessageKey } from '../../functions/core/i18n/messages.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { aSignupForm, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { pageText } from '../helpers/hostile.js';
import { tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';

/** A goal with its week-1 check-in sent and, when asked, a buddy who said yes (or was only invited). */
async function aRunningGoal(locale: Locale, options: { weeks?: string; buddy?: 'accepted' | 'invited' } = {}) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const buddyEmail = options.buddy ? uniqueEmail('kari') : '';
  let goal = await anActiveGoal(deps, { locale, weeks: options.weeks ?? '13', perWeek: '2', buddyName: buddyEmail ? 'Kari' : '', buddyEmail });
  if (options.buddy === 'accepted') await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy: buddyEmail });
  clock.set(WEEK1);
  await tickAt(deps, WEEK1);
  clock.set('2026-03-06T15:00:00Z');
  goal = (await deps.store.getGoal(goal.owner, goal.id))!;
  const app = createApp(deps);
  // The browser's language, as a page for a goal that is gone has only that to go by.
  const language = { 'accept-language': locale === 'nb' ? 'nb-NO,nb;q=0.9' : 'en-GB' };
  const request = (path: string, body?: string) =>
    app.request(path, {
      ...(body === undefined ? { headers: language } : { method: 'POST', body, headers: { ...language, 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }),
    });
  const now = clock.now();
  return { deps, clock, goal, buddyEmail, request, goalPath: goalPagePath(deps.config, goal, now), weekPath: weekPagePath(deps.config, goal, 1, now) };
}

const text = (locale: Locale, key: MessageKey, vars?: Record<string, string | number>) => pageText(locale, key, vars);
const path = (url: string) => new URL(url).pathname;

describe('the goal page', () => {
  it('reads like a dashboard: the goal, this week and the chart first, the history next, the changes in labelled sections, stopping and deleting last', async () => {
    const { deps, goal, request, goalPath } = await aRunningGoal('en', { buddy: 'accepted' });
    await recordAnswer(deps, goal, 1, { count: 3, note: 'Two at the meetup', source: 'click' });
    const html = await (await request(goalPath)).text();
    const at = (marker: string) => {
      expect(html, marker).toContain(marker);
      return html.indexOf(marker);
    };
    const order = [
      at('<h1>Your goal</h1>'),
      at('class="goal-quote"'),
      at('<h2 id="now-heading">Week 1 of 13</h2>'),
      at('✓ Weekly target of 2 reached'),
      at('<figure class="chart">'),
      at('<h2 id="history-heading">History</h2>'),
      at('<h2 id="settings-heading">Change your goal</h2>'),
      at('<h2 id="danger-heading">Stop, sign out or delete</h2>'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Every change behind a labelled section that opens without script, none open until asked for.
    const panels = [...html.matchAll(/<details class="panel" id="([\w-]+)"( open="")?><summary><span><span class="what">([^<]+)</g)].map((m) => [m[1], m[3], Boolean(m[2])]);
    expect(panels).toEqual([
      ['change', 'Change the goal', false],
      ['pause', 'Pause check-ins', false],
      ['schedule', 'Check-in time', false],
      ['buddy', 'Your buddy', false],
      // With a buddy named, up to two more supporters (issue 20).
      ['supporters', 'More supporters', false],
      ['loop', 'Extra emails', false],
      ['data', 'Download your data', false],
      ['stop', 'Stop this goal', false],
      ['sign-out', 'Sign out every link', false],
      ['delete', 'Delete everything', false],
    ]);
    // One script only, the buddy address's typo check (issue 18); everything works without it.
    expect([...html.matchAll(/<script nonce="[^"]+">([^<]{0,40})/g)].map((m) => m[1])).toEqual([typoScript.slice(0, 40)]);
    // The goal page itself has no button that stops the goal: its panel links to the second step.
    expect(html).not.toMatch(/<form[^>]*action="[^"]*\/stop"/);
    expect(html).toContain(`href="${goalPath}/stop"`);
  });

  it.each([
    ['schedule', 'weekday=5&hour=15&timeZone=Mars%2FOlympus', 'timeZone', 'errors.timeZone.invalid', 'Mars/Olympus'],
    ['buddy', 'buddyName=Per&buddyEmail=per-at-example', 'buddyEmail', 'errors.buddyEmail.invalid', 'per-at-example'],
    ['pause', 'resumeOn=2020-01-01', 'resumeOn', 'errors.date.invalid', '2020-01-01'],
    ['delete', '', 'confirm', 'errors.delete.confirm', undefined],
  ] as const)('sends back a %s error open, listed at the top with a link, next to its field, which is focused and keeps what was typed', async (panel, body, field, key, typed) => {
    const { request, goalPath } = await aRunningGoal('nb');
    const response = await request(`${goalPath}/${panel}`, body);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain(`<details class="panel" id="${panel}" open="">`);
    expect([...html.matchAll(/<details class="panel" id="([\w-]+)" open="">/g)].map((m) => m[1])).toEqual([panel]);
    expect(html).toMatch(new RegExp(`<div class="summary" role="alert"[^>]*>.*<a href="#${field}">${text('nb', key)}</a>`, 's'));
    const control = new RegExp(`<(input|select)[^>]*id="${field}"[^>]*>`).exec(html)?.[0] ?? '';
    expect(control).toContain('aria-invalid="true"');
    expect(control).toContain('autofocus=""');
    // A list (the time zone) keeps what was sent as its chosen option; a text field as its value.
    if (typed) expect(control.startsWith('<select') ? html : control).toContain(control.startsWith('<select') ? `<option value="${typed}" selected>` : `value="${typed}"`);
    expect(html.match(/autofocus/g)).toHaveLength(1);
    expect(html).toContain(`<p class="error" id="${field}-error">${text('nb', key)}</p>`);
  });
});

describe('the goal page before the first check-in', () => {
  // "Denne uka" stood twice, as the label and as the heading under it (found in the walkthrough).
  it('names week 1 under the "this week" label and says when the first check-in comes', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const goal = await anActiveGoal(deps, { locale: 'nb', weeks: '13', perWeek: '2' });
    const html = await (await createApp(deps).request(goalPagePath(deps.config, goal, clock.now()))).text();
    expect(html).toContain(`<p class="muted">${t('nb', 'goal.now.label')}</p><h2 id="now-heading">Uke 1 av 13</h2>`);
    expect(html.match(new RegExp(`>${t('nb', 'goal.now.label')}<`, 'g'))).toHaveLength(1);
  });
});

describe('stopping a goal', () => {
  it('takes a second step that says what stops, in bokmål; a POST without the confirmation stops nothing', async () => {
    const { deps, goal, request, goalPath } = await aRunningGoal('nb', { buddy: 'accepted' });
    const step = await (await request(`${goalPath}/stop`)).text();
    expect(step).toContain('<h1>Avslutte dette målet?</h1>');
    for (const line of [
      'Ingen flere ukentlige oppfølginger: den som skulle komme fredag 13. mars 2026 kl. 15:00, blir ikke sendt.',
      'Kari får ikke flere ukentlige e-poster om målet ditt.',
      'Ingen sluttrapport når de 13 ukene er over.',
      'Knappene i tidligere oppfølginger slutter å virke.',
      'Dette kan ikke angres, men du kan alltid skrive ned et nytt mål.',
    ]) {
      expect(step).toContain(line);
    }
    expect(step).toMatch(/<form method="post" action="[^"]+\/stop"><input type="hidden" name="confirm" value="yes"\/><button type="submit" class="danger">Ja, avslutt målet<\/button>/);
    expect(step).toContain(`<a class="button secondary" href="${goalPath}">Nei, fortsett</a>`);

    const oneClick = await request(`${goalPath}/stop`, '');
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('<h1>Avslutte dette målet?</h1>');
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('active');

    const stopped = await request(`${goalPath}/stop`, 'confirm=yes');
    expect(stopped.headers.get('location')).toBe(`${goalPath}?done=stopped`);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('stopped');
    // The step of a goal that has ended leads back to its page; stopping it again is still a 409.
    expect((await request(`${goalPath}/stop`)).headers.get('location')).toBe(goalPath);
    expect((await request(`${goalPath}/stop`, 'confirm=yes')).status).toBe(409);
  });

  it('says in English that an invited buddy can no longer say yes', async () => {
    const { request, goalPath } = await aRunningGoal('en', { buddy: 'invited' });
    const step = await (await request(`${goalPath}/stop`)).text();
    expect(step).toContain('Kari can no longer say yes to your invitation.');
    expect(step).toContain('No final report when the 13 weeks are over.');
  });
});

describe('a week of a goal that has ended', () => {
  it('shows a finished goal’s week as it stands, with no form to change it', async () => {
    const { deps, clock, goal, request, weekPath } = await aRunningGoal('en', { weeks: '1' });
    await recordAnswer(deps, goal, 1, { count: 1, note: 'One coffee', source: 'click' });
    for (const at of ['2026-03-08T14:00:00Z', '2026-03-08T14:15:00Z']) await tickAt(deps, at);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('completed');
    clock.set('2026-03-08T15:00:00Z');
    const html = await (await request(weekPath)).text();
    expect(html).toContain(text('en', 'week.closed.completed', { week: 1 }));
    expect(html).toContain('One coffee');
    expect(html).not.toMatch(/<form[^>]*id="week"|name="count"|name="note"/);
  });

  it.each([
    ['a valid answer', 'count=2&note=Lunch+with+Kari+and+Per'],
    ['an answer with a bad count', 'count=-1&note=Lunch+with+Kari+and+Per'],
  ])('keeps what was typed when %s arrives after the goal was stopped (409), and changes nothing', async (_, body) => {
    const { deps, goal, request, weekPath } = await aRunningGoal('en');
    await stopGoal(deps, { owner: goal.owner, goalId: goal.id });
    const response = await request(weekPath, body);
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain(text('en', 'week.closed.stopped', { week: 1 }));
    expect(html).toContain(text('en', 'week.closed.notSaved'));
    expect(html).toMatch(/<textarea id="kept-note" readonly="">Lunch with Kari and Per<\/textarea>/);
    expect(await deps.store.getWeekAnswers(goal.id)).toEqual([]);
  });
});

describe('links to a goal that is gone', () => {
  async function deleted(locale: Locale) {
    const { deps, goal, buddyEmail, request, goalPath, weekPath } = await aRunningGoal(locale, { buddy: 'accepted' });
    const now = deps.clock.now();
    const links = {
      owner: [goalPath, weekPath, path(recordUrl(deps.config, goal, 1, 2, now)), path(unsubscribeUrl(deps.config, goal, now))],
      buddy: [path(reactionUrl(deps.config, goal, buddyEmail, 1, 0, now)), path(buddyLeaveUrl(deps.config, goal, buddyEmail, now)), path(invitationUrl(deps.config, goal, buddyEmail, now))],
    };
    await deleteEverything(deps, goal.owner);
    return { links, request };
  }

  it.each(['nb', 'en'] as const)('tell the owner (%s) the goal was deleted, and the buddy that its owner deleted it — not that it waits for confirmation', async (locale) => {
    const { links, request } = await deleted(locale);
    for (const [who, key] of [['owner', 'error.goal.deleted'], ['buddy', 'error.goal.deletedBuddy']] as const) {
      for (const link of links[who]) {
        const response = await request(link, link.startsWith('/bl/') ? 'List-Unsubscribe=One-Click' : undefined);
        expect(response.status, link).toBe(404);
        const html = await response.text();
        expect(html, link).toContain(text(locale, key));
        expect(html, link).not.toContain(text(locale, 'error.goal.missing'));
      }
    }
  });

  it('tells a buddy who left that they no longer follow the goal', async () => {
    const { deps, goal, buddyEmail, request } = await aRunningGoal('en', { buddy: 'accepted' });
    const reaction = path(reactionUrl(deps.config, goal, buddyEmail, 1, 0, deps.clock.now()));
    await releaseBuddy(deps, { owner: goal.owner, goalId: goal.id, buddy: buddyEmail }, 'left');
    const response = await request(reaction);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('you no longer follow this goal');
  });

  it('still tells the opener of a confirm link that unconfirmed goals go after 7 days', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable());
    const pending: Goal = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale: 'en' })));
    const link = path(confirmUrl(deps.config, pending, clock.now()));
    await deleteEverything(deps, pending.owner);
    const response = await createApp(deps).request(link);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(t('en', 'error.goal.missing'));
  });
});
