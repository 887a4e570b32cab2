// "Find my goals": one email listing every goal an address owns and follows, each with a fresh link; the
// page answers the same whatever the address; nothing to a suppressed address; rationed like sign-up; the
// emailed /me page lists the goals with their state and next check-in, for an hour, until signed out.
import { describe, expect, it } from 'vitest';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import { FINDS_PER_ADDRESS_PER_DAY } from '../../functions/core/goals/my-goals.js';
import { signOutEveryLink } from '../../functions/core/goals/sign-out.js';
import type { Deps } from '../../functions/core/ports.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';

async function setup() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const find = (email: string, lang = 'en', ip?: string) =>
    app.request(`/find?lang=${lang}`, { method: 'POST', body: new URLSearchParams({ email }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv(ip));
  const path = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;
  return { clock, deps, app, find, path };
}

/** The page's words with the address taken out: what must not differ from one address to another. */
const withoutAddress = (html: string, email: string) => html.replaceAll(email, '<address>').replace(/nonce="[^"]+"/g, '');

describe('find my goals', () => {
  it('emails one list of every goal the address owns and follows, each with a fresh link, and /me shows them with state and next check-in', async () => {
    const s = await setup();
    const ola = uniqueEmail('ola');
    const first = await anActiveGoal(s.deps, { email: ola, goal: 'Meet 2 finance directors every week', locale: 'en' });
    await anActiveGoal(s.deps, { email: ola, goal: 'Run 3 times a week', locale: 'en', perWeek: '3' });
    // Ola is also Kari's buddy, and said yes.
    const kari = await anActiveGoal(s.deps, { email: uniqueEmail('kari'), name: 'Kari', goal: 'Write 5 pages a week', buddyEmail: ola, buddyName: 'Ola' });
    await acceptInvitation(s.deps, { owner: kari.owner, goalId: kari.id, buddy: ola });

    const page = await s.find(ola);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(ola); // the page says where it wrote

    const mails = (await outboxFor(ola)).filter((m) => m.subject === 'Your goals on Kompis');
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.body.text).toContain('Meet 2 finance directors every week');
    expect(mail!.body.text).toContain('Run 3 times a week');
    expect(mail!.body.text).toContain('Write 5 pages a week');
    expect(linksIn(mail!, '/g/')).toHaveLength(2);
    expect(linksIn(mail!, '/buddy/')).toHaveLength(1);
    // The goal links open the goal pages.
    const goalPage = await s.app.request(s.path(linksIn(mail!, '/g/')[0]!));
    expect(goalPage.status).toBe(200);

    const [me] = linksIn(mail!, '/me/');
    const listing = await s.app.request(s.path(me!));
    expect(listing.status).toBe(200);
    const listed = await listing.text();
    expect(listed).toContain('Goals you own');
    expect(listed).toContain('Goals you follow as a buddy');
    expect(listed).toContain('The goal of Kari');
    expect(listed.match(/data-testid="listed-goal"/g)).toHaveLength(3);
    expect(listed).toContain('Next check-in: Fri');
    expect(listed).toContain(`(${first.timeZone})`);

    // An hour later the /me link has ended; the goal links in the same email still work.
    s.clock.set('2026-03-02T10:01:00Z');
    expect((await s.app.request(s.path(me!))).status).toBe(410);
    expect((await s.app.request(s.path(linksIn(mail!, '/g/')[0]!))).status).toBe(200);
  });

  it('answers with the same page for an address with goals, one without, and a suppressed one, and emails only the first', async () => {
    const s = await setup();
    const known = (await anActiveGoal(s.deps, { email: uniqueEmail('known'), locale: 'nb' })).owner;
    const unknown = uniqueEmail('nobody');
    const blocked = (await anActiveGoal(s.deps, { email: uniqueEmail('blocked'), locale: 'nb' })).owner;
    await s.deps.store.suppress(blocked, 'unsubscribe', '2026-03-02T09:00:00Z');
    const pages = await Promise.all([known, unknown, blocked].map(async (email) => ({ email, response: await s.find(email, 'nb') })));
    const bodies = await Promise.all(pages.map(async ({ email, response }) => {
      expect(response.status).toBe(200);
      return withoutAddress(await response.text(), email);
    }));
    expect(new Set(bodies).size).toBe(1);
    expect((await outboxFor(known)).filter((m) => m.subject === 'Målene dine hos Kompis')).toHaveLength(1);
    expect(await outboxFor(unknown)).toHaveLength(0);
    expect((await outboxFor(blocked)).filter((m) => m.subject === 'Målene dine hos Kompis')).toHaveLength(0);
  });

  it('takes no sooner than the sign-up floor, for an unknown address too', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, { ...(await freshTable()), KOMPIS_SIGNUP_MIN_MS: '300' });
    const app = createApp(deps);
    const started = performance.now();
    const response = await app.request('/find', { method: 'POST', body: new URLSearchParams({ email: uniqueEmail('nobody') }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } }, clientEnv());
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it('is rationed like sign-up: a 429 page past five asks for one address a day, whatever the client', async () => {
    const s = await setup();
    const email = uniqueEmail('many');
    for (let i = 0; i < FINDS_PER_ADDRESS_PER_DAY; i++) expect((await s.find(email)).status).toBe(200);
    const refused = await s.find(email);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('Many goal lists have been asked for just now');
  });

  it('says what is wrong with an address that is not one, next to the field, and sends nothing', async () => {
    const s = await setup();
    const response = await s.find('not-an-address', 'nb');
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="email-error"');
    expect(html).toContain('value="not-an-address"');
  });

  it('its /me link ends when the owner signs out every link', async () => {
    const s = await setup();
    const goal = await anActiveGoal(s.deps, { email: uniqueEmail('signout'), locale: 'en' });
    expect((await s.find(goal.owner)).status).toBe(200);
    const [mail] = (await outboxFor(goal.owner)).filter((m) => m.subject === 'Your goals on Kompis');
    const me = s.path(linksIn(mail!, '/me/')[0]!);
    expect((await s.app.request(me)).status).toBe(200);
    await signOutEveryLink(s.deps, goal);
    expect((await s.app.request(me)).status).toBe(410);
  });

  it('is linked from the front page and from the footer of the emails', async () => {
    const s = await setup();
    expect(await (await s.app.request('/?lang=nb')).text()).toContain('href="/find?lang=nb"');
    const goal = await anActiveGoal(s.deps, { email: uniqueEmail('footer'), locale: 'nb' });
    const [confirm] = await outboxFor(goal.owner);
    expect(confirm!.body.text).toContain(`Finn målene mine: ${TEST_BASE_URL}/find?lang=nb`);
    expect(confirm!.body.html).toContain(`href="${TEST_BASE_URL}/find?lang=nb"`);
  });
});
