// A link opens what it names and no more, for as long as it needs to, and the owner can end them all:
// record, week and unsubscribe pages lead nowhere else; export, delete everything and a new buddy need a
// link emailed at that moment (30 minutes); "sign out every link" ends every link and remembered browser.
import { describe, expect, it } from 'vitest';
import { LINK_EMAILS_PER_HOUR } from '../../functions/core/emails/link-email.js';
import { goalPagePath, recordUrl, weekPagePath } from '../../functions/core/links/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { verifyToken } from '../../functions/core/tokens/tokens.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const WEEK1 = '2026-03-06T14:00:00Z';

async function setup() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3' });
  await tickAt(deps, WEEK1);
  clock.set('2026-03-06T15:00:00Z');
  const app = createApp(deps);
  const checkin = (await outboxFor(goal.owner)).find((e) => e.subject.startsWith('Week 1'))!;
  const path = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  };
  const post = (to: string, body = '', headers: Record<string, string> = { origin: TEST_BASE_URL }) =>
    app.request(to, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const lastLink = async (prefix: string) => path(linksIn((await outboxFor(goal.owner)).at(-1)!, prefix)[0]!);
  const goalPath = path(linksIn(checkin, '/g/')[0]!);
  return { clock, deps, goal, app, checkin, path, post, lastLink, goalPath };
}

describe('narrow pages', () => {
  it('record, week and unsubscribe answers carry no goal-page link; "email me my goal page" sends a fresh one to the owner', async () => {
    const s = await setup();
    const recorded = await s.post(s.path(linksIn(s.checkin, '/r/')[2]!));
    const weekPath = recorded.headers.get('location')!;
    const unsubscribe = s.path(linksIn(s.checkin, '/u/')[0]!);
    const pages = [
      await (await s.app.request(s.path(linksIn(s.checkin, '/r/')[1]!))).text(),
      await (await s.app.request(weekPath)).text(),
      await (await s.app.request(unsubscribe)).text(),
      await (await s.post(unsubscribe, 'List-Unsubscribe=One-Click', {})).text(),
    ];
    for (const html of pages) expect(html).not.toContain('/g/');
    expect(pages[1]).toContain('Email me my goal page');
    expect(pages[3]).toContain('Email me my goal page');

    const before = (await outboxFor(s.goal.owner)).length;
    expect((await s.post(`${weekPath}/goal-link`)).headers.get('location')).toBe(`${weekPath}?sent=1`);
    expect(await (await s.app.request(`${weekPath}?sent=1`)).text()).toContain('a link to your goal page is on its way');
    const sent = (await outboxFor(s.goal.owner)).slice(before);
    expect(sent.map((e) => e.subject)).toEqual(['Your goal page']);
    expect((await s.app.request(await s.lastLink('/g/'))).status).toBe(200);
    expect((await s.post(`${unsubscribe}/goal-link`)).status).toBe(200);
    expect(await outboxFor(s.goal.owner)).toHaveLength(before + 2);
  });

  it(`sends at most ${LINK_EMAILS_PER_HOUR} links an hour to one address, then answers 429`, async () => {
    const s = await setup();
    const weekPath = weekPagePath(s.deps.config, s.goal, 1, s.clock.now());
    const before = (await outboxFor(s.goal.owner)).length;
    for (let i = 0; i < LINK_EMAILS_PER_HOUR; i++) expect((await s.post(`${weekPath}/goal-link`)).status).toBe(303);
    const refused = await s.post(`${weekPath}/goal-link`);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Kompis has sent you several links in the last hour.');
    expect(await outboxFor(s.goal.owner)).toHaveLength(before + LINK_EMAILS_PER_HOUR);
  });

  it('end answer and week links with the goal: at its final report as scheduled (plus a day), not in 400 days', async () => {
    const s = await setup();
    const token = s.path(linksIn(s.checkin, '/r/')[1]!).split('/')[2]!;
    const { expiresAt } = verifyToken(s.deps.config.keys, token, 'record', s.clock.now());
    // Week 3's check-in is Friday 20 March 15:00 Oslo; the final report 48 hours later; a day's margin.
    expect(new Date(expiresAt * 1000).toISOString()).toBe('2026-03-23T14:00:00.000Z');
    s.clock.set('2026-03-23T14:00:01Z');
    expect((await s.app.request(s.path(linksIn(s.checkin, '/r/')[1]!))).status).toBe(410);
    expect((await s.app.request(s.path(linksIn(s.checkin, '/w/')[0]!))).status).toBe(410);
  });
});

describe('step-up links', () => {
  it('export, delete everything and a new buddy only through a link emailed at that moment, good for 30 minutes', async () => {
    const s = await setup();
    // The goal link alone downloads nothing and deletes nothing.
    const exportPage = await s.app.request(`${s.goalPath}/export`);
    expect(exportPage.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await exportPage.text()).toContain('Email me a download link');
    for (const [action, body, prefix, subject] of [
      ['export', '', '/s/export/', 'Your download link'],
      ['delete', 'confirm=yes', '/s/delete/', 'Delete everything: confirm'],
      ['buddy', `buddyName=Nina&buddyEmail=${encodeURIComponent(uniqueEmail('nina'))}`, '/s/buddy/', 'Your new buddy: confirm'],
    ] as const) {
      expect((await s.post(`${s.goalPath}/${action}`, body)).headers.get('location'), action).toBe(`${s.goalPath}?done=stepUp`);
      expect((await outboxFor(s.goal.owner)).at(-1)!.subject).toBe(subject);
      const link = await s.lastLink(prefix);
      expect((await s.app.request(link)).status, action).toBe(200);
      // The goal page's own token is no step-up link.
      expect((await s.post(`${prefix}${s.goalPath.split('/')[2]}`)).status, action).toBe(400);
    }
    expect((await s.deps.store.getGoal(s.goal.owner, s.goal.id))?.status).toBe('active');
    expect((await s.deps.store.getGoal(s.goal.owner, s.goal.id))?.buddy).toBeUndefined();

    const download = await s.lastLink('/s/buddy/');
    s.clock.set('2026-03-06T15:30:01Z'); // 30 minutes and a second later
    const late = await s.post(download);
    expect(late.status).toBe(410);
    expect((await s.deps.store.getGoal(s.goal.owner, s.goal.id))?.buddy).toBeUndefined();
  });
});

describe('sign out every link', () => {
  it('ends every link sent before (goal, week, answer, step-up) but the ones that only stop mail, and emails one fresh goal link', async () => {
    const s = await setup();
    const other = await anActiveGoal(s.deps, { email: s.goal.owner, locale: 'en' });
    await s.post(`${s.goalPath}/export`);
    const stepUp = await s.lastLink('/s/export/');
    const old = [s.goalPath, goalPagePath(s.deps.config, other, s.clock.now()), s.path(linksIn(s.checkin, '/w/')[0]!), s.path(linksIn(s.checkin, '/r/')[1]!)];
    const before = (await outboxFor(s.goal.owner)).length;

    const done = await s.post(`${s.goalPath}/sign-out`);
    expect(done.status).toBe(200);
    expect(await done.text()).not.toContain('/g/');
    const sent = (await outboxFor(s.goal.owner)).slice(before);
    expect(sent.map((e) => e.subject)).toEqual(['Every Kompis link signed out']);

    for (const link of old) {
      const response = await s.app.request(link);
      expect(response.status, link).toBe(410);
      expect(await response.text()).toContain('This link was signed out.');
    }
    expect((await s.post(stepUp)).status).toBe(410);
    expect((await s.post(`${s.goalPath}/stop`)).status).toBe(410);
    expect((await s.post(s.path(linksIn(s.checkin, '/r/')[1]!))).status).toBe(410);
    expect(await s.deps.store.getWeekAnswers(s.goal.id)).toEqual([]);
    // One-click unsubscribe still stops the check-ins (RFC 8058), "never email me again" still works.
    expect((await s.app.request(s.path(linksIn(s.checkin, '/u/')[0]!))).status).toBe(200);
    expect((await s.app.request(s.path(linksIn(s.checkin, '/n/')[0]!))).status).toBe(200);
    // The fresh link works, for every goal of the owner; so do the links of a goal written down afterwards.
    const fresh = s.path(linksIn(sent[0]!, '/g/')[0]!);
    expect((await s.app.request(fresh)).status).toBe(200);
    const current = (await s.deps.store.getGoal(other.owner, other.id))!;
    expect((await s.app.request(goalPagePath(s.deps.config, current, s.clock.now()))).status).toBe(200);
    const later = await anActiveGoal(s.deps, { email: s.goal.owner, locale: 'en' });
    expect((await s.app.request(goalPagePath(s.deps.config, later, s.clock.now()))).status).toBe(200);
    expect((await s.app.request(new URL(recordUrl(s.deps.config, current, 1, 1, s.clock.now())).pathname)).status).not.toBe(410);
  });
});
