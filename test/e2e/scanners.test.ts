// Mail scanners (Safe Links, Proofpoint, Mimecast, a forwarding service) open every link of an email in a
// sandbox — often minutes or hours after delivery — and let its scripts run. Here every link of every kind
// of email Kompis sends is opened that way: a fresh Chromium context (no cookies) each, scripts allowed,
// hours after sending. Afterwards the table must be exactly as before, and nobody may have got an email.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import { react } from '../../functions/core/buddy/reactions.js';
import { checkinReplyAddress, goalPagePath, weekPagePath, buddyPageUrl } from '../../functions/core/links/links.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { freePort } from '../../functions/local/ports.js';
import { launchBrowser } from '../helpers/browser.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal, tickInvitations } from '../helpers/goals.js';
import { tableSnapshot } from '../helpers/hostile.js';
import { rawMail } from '../helpers/mail.js';
import { outbox, type OutboxEmail } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';
import { askToJoin, emailCircleChange, inviteByEmail, joinCircle, startCircle } from '../../functions/core/circles/membership.js';

let browser: Browser;
let app: RunningApp;
let deps: Deps & { clock: FixedClock };
let table: string;

beforeAll(async () => {
  const port = await freePort();
  const tableEnv = await freshTable();
  table = tableEnv.KOMPIS_TABLE!;
  deps = testDeps(new FixedClock(new Date('2026-03-02T09:00:00Z')), { ...tableEnv, KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }) as Deps & { clock: FixedClock };
  app = await serveApp(deps, port);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Every link to the app in an email, from its HTML (every href) and its text part. */
function appLinks(email: OutboxEmail): string[] {
  const hrefs = [...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const inText = [...(email.body.text ?? '').matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
  return [...hrefs, ...inText].filter((url) => url.startsWith(app.url));
}

async function post(path: string, body = '') {
  const response = await fetch(`${app.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url }, redirect: 'manual' });
  expect(response.status, path).toBeLessThan(400);
}

describe('a mail scanner that runs scripts', () => {
  it('opens every link of every kind of email, hours later, and records nothing, changes nothing, sends nothing', { timeout: 300_000 }, async () => {
    const { clock } = deps;
    const [ola, kari, cat, dag, per] = ['ola', 'kari', 'cat', 'dag', 'per'].map(uniqueEmail) as [string, string, string, string, string];
    // Ola: a goal with Kari as buddy — confirmation, invitation, reminder, "Kari is your buddy", week 1's
    // check-in, the read-back of a reply, Kari's weekly email, a reaction relayed.
    const goal = await anActiveGoal(deps, { email: ola, locale: 'en', weeks: '3', buddyName: 'Kari', buddyEmail: kari });
    // Cat: a one-week goal with Dag as buddy, to its final reports; at the end Cat signs every link out.
    const cats = await anActiveGoal(deps, { email: cat, locale: 'nb', weeks: '1', buddyEmail: dag });
    await acceptInvitation(deps, { owner: cat, goalId: cats.id, buddy: dag });
    // Eva and Finn: a circle of two — its invitation, join link and week 1's digest with cheers.
    const [eva, finn] = [uniqueEmail('eva'), uniqueEmail('finn')];
    const evas = await anActiveGoal(deps, { email: eva, locale: 'en', weeks: '3' });
    const finns = await anActiveGoal(deps, { email: finn, locale: 'nb', weeks: '3' });
    const circle = await startCircle(deps, evas, { name: 'Salg', memberName: 'Eva', sharedTarget: { text: 'meetings', total: 10 } });
    const member = async (id: string) => (await deps.store.getCircle(circle.id))!.members.find((m) => m.goalId === id)!;
    await inviteByEmail(deps, circle.id, await member(evas.id), finn);
    await askToJoin(deps, circle.id, finn, 'Finn', 'nb', '192.0.2.1');
    await joinCircle(deps, circle.id, finns, 'Finn');
    await tickAt(deps, '2026-03-05T09:15:00Z');
    await acceptInvitation(deps, { owner: ola, goalId: goal.id, buddy: kari });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T14:30:00Z');
    const reply = await rawMail({ from: ola, to: checkinReplyAddress(deps.config, goal, 1), text: '2' });
    await handleInbound(deps, { messageId: crypto.randomUUID(), raw: reply, recipients: [checkinReplyAddress(deps.config, goal, 1)], verdicts: LOCAL_VERDICTS });
    for (const g of [evas, finns]) await recordAnswer(deps, (await deps.store.getGoal(g.owner, g.id))!, 1, { count: 2, source: 'click' });
    await tickAt(deps, '2026-03-06T15:31:00Z');
    await react(deps, { owner: ola, goalId: goal.id, buddy: kari }, 1, 'applause');
    await tickAt(deps, '2026-03-07T14:05:00Z'); // Cat has not answered: the one reminder
    await recordAnswer(deps, (await deps.store.getGoal(cat, cats.id))!, 1, { count: 1, source: 'click' });
    await tickAt(deps, '2026-03-08T16:00:00Z');
    await tickAt(deps, '2026-03-08T16:15:00Z');
    // Per writes a goal by email; every link email, asked for on the pages.
    const signup = await rawMail({ from: per, to: `goal@${deps.config.inboundDomain}`, subject: 'My goal', text: 'Meet 2 Go developers every week for six weeks' });
    await handleInbound(deps, { messageId: crypto.randomUUID(), raw: signup, recipients: [`goal@${deps.config.inboundDomain}`], verdicts: LOCAL_VERDICTS });
    const now = clock.now();
    const live = (await deps.store.getGoal(ola, goal.id))!;
    const goalPath = goalPagePath(deps.config, live, now);
    await post(`${weekPagePath(deps.config, live, 1, now)}/goal-link`);
    await post(`${goalPath}/export`);
    await post(`${goalPath}/delete`, 'confirm=yes');
    await post(`${goalPath}/buddy`, `buddyName=Nina&buddyEmail=${encodeURIComponent(uniqueEmail('nina'))}`);
    await post(`${new URL(buddyPageUrl(deps.config, kari, now)).pathname}/forget`);
    await post(`${goalPagePath(deps.config, (await deps.store.getGoal(cat, cats.id))!, now)}/sign-out`);
    await tickInvitations(deps);
    const circleItems = (await deps.store.getCircle(circle.id))!;
    await emailCircleChange(deps, circleItems, await member(evas.id), 'remove', await member(finns.id));
    await emailCircleChange(deps, circleItems, await member(evas.id), 'close');

    // The local SES serves every test file at once: only this test's people count.
    const people = [ola, kari, cat, dag, per, eva, finn];
    const theirs = async () => (await outbox()).filter((email) => email.destination.to.some((to) => people.includes(to)));
    const emails = await theirs();
    const ours = emails.filter((email) => appLinks(email).length > 0);
    const subjects = ours.map((email) => email.subject);
    for (const kind of [
      'Confirm your goal', // confirm-goal
      'Is this your goal?', // email-signup
      `${ola} asks you to be their buddy`, // buddy-invite
      `Reminder: ${ola} asks you to be their buddy`, // buddy-reminder
      'Kari is your buddy', // notice
      'Week 1 of 3: how many this week?', // checkin
      'Fortsatt tid til å svare for uke 1', // checkin-reminder
      'Re: Week 1 of 3: how many this week?', // a reply read back
      'Week 1 of 3: 2 this week', // buddy-weekly
      'Uka er over: ', // final-report and buddy-final
      'Your goal page', // link: the goal page
      'Your download link', // link: export
      'Delete everything: confirm', // link: erase
      'Your new buddy: confirm', // link: buddy-change
      'Delete what Kompis knows about you: confirm', // link: forget
      'Alle Kompis-lenker er logget ut', // link: signed out
      'Salg: week 1', // circle-digest (en)
      'Salg: uke 1', // circle-digest (nb)
      'Eva inviterer deg til sirkelen', // link: circle invitation, in Finn's language
      'Bli med i sirkelen', // link: circle join
      'Remove Finn from', // link: circle remove
      'Close the circle', // link: circle close
    ]) {
      expect(subjects.some((subject) => subject.startsWith(kind)), kind).toBe(true);
    }

    const before = await tableSnapshot(table)();
    const sentBefore = emails.length;
    clock.set('2026-03-08T22:00:00Z'); // hours after sending, as a delayed sandbox opens them
    const links = [...new Set(ours.flatMap(appLinks))];
    expect(links.length).toBeGreaterThan(60);
    const open = async (link: string) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // "networkidle": no request for half a second after load, so whatever a script starts has run.
      const response = await page.goto(link, { waitUntil: 'networkidle' });
      expect(response?.status(), link).toBeLessThan(500);
      await context.close();
    };
    // A few sandboxes side by side, as a scanning service runs them: each takes the next link when it is done.
    const waiting = [...links];
    await Promise.all(Array.from({ length: 5 }, async () => {
      for (let link = waiting.shift(); link !== undefined; link = waiting.shift()) await open(link);
    }));

    expect(await tableSnapshot(table)()).toEqual(before);
    expect((await theirs()).length).toBe(sentBefore);
  });
});
