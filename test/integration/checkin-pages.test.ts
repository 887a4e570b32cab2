// One-click answers, the week page, the goal page and its actions, one-click unsubscribe — through the
// HTTP app, on a goal that got its week-1 check-in from the real tick and sender.
import { describe, expect, it } from 'vitest';
import type { Goal } from '../../functions/core/goal.js';
import { recordUrl, rememberToken } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { tokenBody, type TokenPayload } from '../../functions/core/tokens/tokens.js';
import { FixedClock, freshTable, TEST_BASE_URL, testConfig, testDeps } from '../helpers/deps.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';

async function aGoalWithItsFirstCheckin(fields: Record<string, string> = {}) {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3', perWeek: '2', ...fields });
  await tickAt(deps, WEEK1);
  clock.set('2026-03-06T14:01:00Z'); // a minute after sending
  const checkin = (await outboxFor(goal.owner)).find((e) => e.subject.startsWith('Week 1'))!;
  const buttons = linksIn(checkin, '/r/').map((url) => new URL(url).pathname);
  const app = createApp(deps);
  const post = (path: string, body = '', headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL, ...headers },
    });
  const path = (url: string) => new URL(url).pathname;
  return { deps, clock, goal, checkin, buttons, app, post, path };
}

const answersOf = (deps: Deps, goal: Goal) => deps.store.getWeekAnswers(goal.id);

describe('one-click answers', () => {
  it('offers 0 … target+1, the last as "or more"', async () => {
    const { checkin, buttons } = await aGoalWithItsFirstCheckin();
    expect(buttons).toHaveLength(4);
    expect(checkin.body.text).toMatch(/ {2}0: http.*\n {2}1: http.*\n {2}2: http.*\n {2}3 or more: http/);
  });

  it('records nothing on GET, and without a remembered browser never submits by itself, however late it is opened', async () => {
    const { deps, clock, goal, buttons, app } = await aGoalWithItsFirstCheckin();
    for (const at of ['2026-03-06T14:01:00Z', '2026-03-06T20:00:00Z', '2026-03-09T08:00:00Z']) {
      clock.set(at);
      const page = await app.request(buttons[2]!);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('Record 2 for week 1?');
      expect(html).not.toContain('<script');
      expect(html).toMatch(/<input type="checkbox" name="remember" value="on" checked=""/);
    }
    expect(await answersOf(deps, goal)).toEqual([]);
  });

  it('remembers the browser after one real click (HttpOnly, Secure, SameSite=Lax), and then submits by itself', async () => {
    const { deps, goal, buttons, app, post } = await aGoalWithItsFirstCheckin();
    const clicked = await post(buttons[1]!, 'remember=on');
    const cookie = clicked.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-kompis-remember=[\w.-]+; Max-Age=34560000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookie).not.toContain(goal.owner);
    const jar = { cookie: cookie.split(';')[0]! };
    const html = await (await app.request(buttons[2]!, { headers: jar })).text();
    expect(html).toMatch(/<script nonce="[^"]+">document\.getElementById\('record'\)\.submit\(\);<\/script>/);
    // The cookie names its owner: someone else's remembered browser does not answer for this one.
    const elses = `__Host-kompis-remember=${rememberToken(deps.config, { owner: 'someone-else@example.com' }, deps.clock.now())}`;
    expect(await (await app.request(buttons[2]!, { headers: { cookie: elses } })).text()).not.toContain('<script');
    // Unticking "remember" on a click forgets the browser.
    const forgotten = await post(buttons[2]!, '', jar);
    expect(forgotten.headers.get('set-cookie')).toMatch(/^__Host-kompis-remember=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(await answersOf(deps, goal)).toMatchObject([{ week: 1, count: 2 }]);
  });

  it('forgets every remembered browser when the owner signs every link out', async () => {
    const { deps, goal, buttons, app, post } = await aGoalWithItsFirstCheckin();
    const jar = { cookie: (await post(buttons[1]!, 'remember=on')).headers.get('set-cookie')!.split(';')[0]! };
    const goalPath = new URL(linksIn((await outboxFor(goal.owner)).at(-1)!, '/g/')[0]!).pathname;
    expect((await post(`${goalPath}/sign-out`)).status).toBe(200);
    const fresh = linksIn((await outboxFor(goal.owner)).at(-1)!, '/g/')[0]!;
    expect((await app.request(new URL(fresh).pathname)).status).toBe(200);
    // The old record links and the old cookie both belong to the generation before.
    expect((await app.request(buttons[2]!, { headers: jar })).status).toBe(410);
  });

  it('records on POST, shows the week with the chart, and lets the last answer stand', async () => {
    const { deps, goal, buttons, post, app } = await aGoalWithItsFirstCheckin();
    const first = await post(buttons[2]!);
    expect(first.status).toBe(303);
    const weekPage = await app.request(first.headers.get('location')!);
    const html = await weekPage.text();
    expect(html).toContain('Recorded 2 for week 1.');
    expect(html).toContain('<svg');
    expect(await answersOf(deps, goal)).toMatchObject([{ week: 1, count: 2, source: 'click' }]);

    await post(buttons[2]!); // the same click again
    await post(buttons[3]!); // then a change of mind
    expect(await answersOf(deps, goal)).toMatchObject([{ week: 1, count: 3 }]);
  });

  it('keeps a note and a channel from the week page, and refuses a bad count next to the field', async () => {
    const { deps, goal, buttons, post } = await aGoalWithItsFirstCheckin();
    const weekPath = (await post(buttons[1]!)).headers.get('location')!;
    const saved = await post(weekPath, new URLSearchParams({ count: '4', note: 'Two at the meetup', channel: 'event' }).toString());
    expect(saved.status).toBe(303);
    expect(await answersOf(deps, goal)).toMatchObject([{ week: 1, count: 4, note: 'Two at the meetup', channel: 'event', source: 'web' }]);

    const bad = await post(weekPath, new URLSearchParams({ count: '-1', note: '' }).toString());
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Enter a whole number from 0 to 1000.');
    expect(await answersOf(deps, goal)).toMatchObject([{ count: 4 }]);
  });

  it('refuses an answer for a week whose check-in has not gone out', async () => {
    const { deps, goal, post } = await aGoalWithItsFirstCheckin();
    const future = new URL(recordUrl(deps.config, goal, 2, 1, new Date(WEEK1))).pathname;
    const response = await post(future);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('That week has not been checked in yet');
    expect(await answersOf(deps, goal)).toEqual([]);
  });

  it.each([
    ['a tampered signature', (p: string) => p.replace(/\.[\w-]+$/, (sig) => sig.slice(0, -2) + (sig.endsWith('AA') ? 'BB' : 'AA')), 400],
    ['a value changed in the payload', (p: string) => p.replace(/\/r\/([\w-]+)/, (_, body: string) => {
      const { keys } = testConfig();
      const payload = tokenBody.open(keys.current.secret, body) as TokenPayload;
      return `/r/${tokenBody.seal(keys.current, { ...payload, x: 9 })}`;
    }), 400],
    ['a truncated token', (p: string) => p.slice(0, -5), 400],
    ['a week-page token on the record route', (p: string) => p, 400],
  ])('answers %s with a 4xx page and records nothing', async (name, mangle, status) => {
    const { deps, goal, checkin, buttons, post } = await aGoalWithItsFirstCheckin();
    const weekToken = new URL(linksIn(checkin, '/w/')[0]!).pathname.split('/')[2]!;
    const target = name.startsWith('a week-page') ? `/r/${weekToken}` : mangle(buttons[2]!);
    const response = await post(target);
    expect(response.status).toBe(status);
    expect(await answersOf(deps, goal)).toEqual([]);
  });

  it('answers an expired link with 410', async () => {
    const { clock, buttons, post } = await aGoalWithItsFirstCheckin();
    clock.set('2028-01-01T00:00:00Z');
    expect((await post(buttons[2]!)).status).toBe(410);
  });
});

describe('the goal page', () => {
  it('shows the chart, totals, streak and history, with "no answer" apart from 0', async () => {
    const { deps, goal, buttons, post, app } = await aGoalWithItsFirstCheckin();
    await post(buttons[3]!);
    await tickAt(deps, '2026-03-13T14:00:00Z');
    await tickAt(deps, '2026-03-20T14:00:00Z');
    const goalPath = new URL(linksIn((await outboxFor(goal.owner)).at(-1)!, '/g/')[0]!).pathname;
    const html = await (await app.request(goalPath)).text();
    expect(html).toContain('<svg');
    expect(html).toMatch(/data-testid="total">3 of 6</);
    expect(html).toMatch(/data-testid="on-target">1 of 3 so far</);
    expect(html).toMatch(/data-testid="streak">0 weeks on target in a row</);
    expect(html).toMatch(/<th scope="row">2<\/th><td><span class="muted">no answer<\/span>/);
  });

  it('pauses (off the due index), resumes, moves the check-in time, exports by an emailed link, and stops', async () => {
    const { deps, goal, app, post } = await aGoalWithItsFirstCheckin();
    const goalPath = new URL(linksIn((await outboxFor(goal.owner)).at(-1)!, '/g/')[0]!).pathname;

    expect((await post(`${goalPath}/pause`, 'resumeOn=')).headers.get('location')).toBe(`${goalPath}?done=paused`);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('paused');
    expect((await tickAt(deps, '2026-03-13T14:00:00Z')).enqueued).toBe(0);

    expect((await post(`${goalPath}/pause`, 'resumeOn=2020-01-01')).status).toBe(400);

    await post(`${goalPath}/resume`);
    await post(`${goalPath}/schedule`, 'weekday=1&hour=8&timeZone=America%2FNew_York');
    const moved = await deps.store.getGoal(goal.owner, goal.id);
    expect(moved).toMatchObject({ status: 'active', nextWeek: 2, checkinWeekday: 1, checkinHour: 8, timeZone: 'America/New_York' });
    expect(moved?.nextCheckinAt).toBe('2026-03-09T12:00:00.000Z'); // Monday 08:00 in New York (EDT)
    expect(await (await app.request(`${goalPath}?done=rescheduled`)).text()).toContain('Saved. The next check-in: Monday, 9 March 2026 at 08:00.');

    expect((await post(`${goalPath}/export`)).headers.get('location')).toBe(`${goalPath}?done=stepUp`);
    const download = new URL(linksIn((await outboxFor(goal.owner)).at(-1)!, '/s/export/')[0]!).pathname;
    const exported = await (await post(download)).json();
    expect(exported).toMatchObject({ person: { email: goal.owner }, goals: [{ id: goal.id, answers: [] }] });

    // Stopping takes a second step that says what stops; a POST without its confirmation only shows it.
    const step = await app.request(`${goalPath}/stop`);
    expect(await step.text()).toContain('No more weekly check-ins: the one due Monday, 9 March 2026 at 08:00 is not sent.');
    const unconfirmed = await post(`${goalPath}/stop`);
    expect(unconfirmed.status).toBe(200);
    expect(await unconfirmed.text()).toContain('Stop this goal?');
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('active');
    await post(`${goalPath}/stop`, 'confirm=yes');
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('stopped');
    expect((await tickAt(deps, '2026-03-20T14:00:00Z')).enqueued).toBe(0);
  });
});

describe('one-click unsubscribe', () => {
  it('stops the check-ins on a cookie-less POST without Origin, as mail providers send it', async () => {
    const { deps, goal, checkin, app } = await aGoalWithItsFirstCheckin();
    const unsubscribe = new URL(linksIn(checkin, '/u/')[0]!).pathname;
    expect((await app.request(unsubscribe)).status).toBe(200);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('active');

    const response = await app.request(unsubscribe, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Check-ins for this goal are stopped.');
    expect(await deps.store.getGoal(goal.owner, goal.id)).toMatchObject({ status: 'paused', pauseReason: 'unsubscribed' });
    expect((await tickAt(deps, '2026-03-13T14:00:00Z')).enqueued).toBe(0);
  });
});
