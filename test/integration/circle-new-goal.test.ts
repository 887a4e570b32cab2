// Joining a circle with a goal not yet written, against DynamoDB Local and local SES: the join page's "Write a
// new goal" carries the join link into the sign-up form; once the new goal is confirmed, its page leads back to
// joining, and the link goes once the goal is in the circle. A join link that is not the signer's own (another
// address's, forged, expired) is dropped without a word: the sign-up goes on as usual.
import { describe, expect, it } from 'vitest';
import { circleJoinUrl } from '../../functions/core/circles/circle-links.js';
import { aCircleOnTheApp } from '../helpers/circle-setup.js';
import { aSignupForm, uniqueEmail } from '../helpers/factories.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';

type Setup = Awaited<ReturnType<typeof aCircleOnTheApp>>;
const pathOf = (url: string) => new URL(url, 'http://x').pathname + new URL(url, 'http://x').search;
const decode = (html: string) => html.replaceAll('&amp;', '&');

/** Signs up through the form and confirms by the emailed link; the goal page it lands on, and the goal. */
async function writeAndConfirm(s: Setup, fields: Record<string, string>) {
  expect((await s.post('/goals', fields)).status).toBe(200);
  const confirm = pathOf(linksIn((await outboxFor(fields.email!)).at(-1)!, '/c/')[0]!);
  const confirmed = await s.post(confirm);
  expect(confirmed.status).toBe(303);
  const goalPage = confirmed.headers.get('location')!;
  // Goals made in the same instant have ids in no set order: find this one by its words.
  const goal = (await s.deps.store.listGoals(fields.email!)).find((g) => g.text === fields.goal)!;
  return { goalPage, goal, html: await (await s.get(goalPage)).text() };
}

describe('joining a circle with a new goal', () => {
  it('goes from the join page to the sign-up form, and from the confirmed goal back to joining', async () => {
    const s = await aCircleOnTheApp(1);
    const per = uniqueEmail('per');
    const join = new URL(circleJoinUrl(s.deps.config, s.circle.id, per, 'Per', s.clock.now())).pathname;

    // No goal yet: the join page's link opens the form with the address, the name and the join link.
    const write = /<a href="([^"]+)">(?:Write a new goal|Skriv et nytt mål)<\/a>/.exec(await (await s.get(join)).text());
    const formUrl = decode(write![1]!);
    expect(new URL(formUrl, 'http://x').searchParams.get('join')).toBe(join);
    const form = await (await s.get(formUrl)).text();
    expect(form).toContain(`<input type="hidden" name="join" value="${join}"/>`);

    const { html, goal, goalPage } = await writeAndConfirm(s, aSignupForm({ email: per, name: 'Per', join }));
    expect(goal.circleJoin).toMatchObject({ path: join, circleId: s.circle.id });
    expect(html).toContain(`data-testid="circle-join"><a href="${join}?goal=${goal.id}">`);

    // The join page lists the new goal; joining takes the link off the goal page.
    const attach = await (await s.get(`${join}?goal=${goal.id}`)).text();
    expect(attach).toContain(`value="${goal.id}" checked=""`);
    expect((await s.post(join, { goal: goal.id, name: 'Per', yes: '1' })).status).toBe(200);
    const joined = (await s.deps.store.getGoal(per, goal.id))!;
    expect(joined.circle).toBe(s.circle.id);
    expect(joined.circleJoin).toBeUndefined();
    expect(await (await s.get(goalPage)).text()).not.toContain('circle-join');
  });

  it('drops a join link that is not the signer’s own, and signs up as usual', async () => {
    const s = await aCircleOnTheApp(1);
    const joinFor = (email: string, at = s.clock.now()) => new URL(circleJoinUrl(s.deps.config, s.circle.id, email, 'Ola', at)).pathname;
    const eightDaysAgo = new Date(s.clock.now().getTime() - 8 * 86400_000);
    const cases: ((email: string) => string)[] = [
      () => joinFor(uniqueEmail('kari')), // another address's
      (email) => `${joinFor(email).slice(0, -2)}xx`, // forged
      (email) => joinFor(email, eightDaysAgo), // expired (7 days)
      () => '/ci/abc.def',
      () => 'https://evil.example/ca/x.y',
      () => 'x'.repeat(2000),
    ];
    for (const joinOf of cases) {
      const email = uniqueEmail('ola');
      const { goal, html } = await writeAndConfirm(s, aSignupForm({ email, join: joinOf(email) }));
      expect(goal.status).toBe('active');
      expect(goal.circleJoin).toBeUndefined();
      expect(html).not.toContain('circle-join');
    }
  });

  it('joins with the goal the person came back with, once, and only while the link can work (re-attack A1, A4, A5)', async () => {
    const s = await aCircleOnTheApp(1);
    const per = uniqueEmail('per');
    const join = new URL(circleJoinUrl(s.deps.config, s.circle.id, per, 'Per', s.clock.now())).pathname;
    // Per has an older goal, and writes a new one from the join page.
    const older = await writeAndConfirm(s, aSignupForm({ email: per, name: 'Per', goal: 'Lese 2 bøker hver måned' }));
    const newer = await writeAndConfirm(s, aSignupForm({ email: per, name: 'Per', join }));
    const link = /data-testid="circle-join"><a href="([^"]+)"/.exec(newer.html)![1]!;
    // The join page opens with the new goal chosen, not the older one listed first.
    const attach = await (await s.get(link.replaceAll('&amp;', '&'))).text();
    expect(attach).toContain(`value="${newer.goal.id}" checked=""`);
    expect(attach).not.toContain(`value="${older.goal.id}" checked=""`);

    // Joining with the older goal anyway takes the link off the new goal's page, and a second goal of the
    // same person is refused: one goal per person in a circle.
    expect((await s.post(join, { goal: older.goal.id, name: 'Per', yes: '1' })).status).toBe(200);
    expect(await (await s.get(newer.goalPage)).text()).not.toContain('circle-join');
    expect((await s.get(join)).status).toBe(409);
    expect((await s.post(join, { goal: newer.goal.id, name: 'Per', yes: '1' })).status).toBe(409);
    expect((await s.deps.store.getCircle(s.circle.id))!.members.filter((m) => m.owner === per)).toHaveLength(1);
  });

  it('keeps the link through a refusal for a full circle, and drops it once the join link has expired', async () => {
    const s = await aCircleOnTheApp(8);
    const per = uniqueEmail('per');
    const join = new URL(circleJoinUrl(s.deps.config, s.circle.id, per, 'Per', s.clock.now())).pathname;
    const { goal, goalPage, html } = await writeAndConfirm(s, aSignupForm({ email: per, join }));
    expect(html).toContain('circle-join');
    // Full: said on the join page before the form, and the goal keeps its way back for when a seat frees up.
    expect((await s.get(join)).status).toBe(409);
    expect((await s.post(join, { goal: goal.id, name: 'Per', yes: '1' })).status).toBe(409);
    expect((await s.deps.store.getGoal(per, goal.id))!.circleJoin).toBeDefined();
    expect(await (await s.get(goalPage)).text()).toContain('circle-join');
    // Eight days on, the join link (7 days) no longer works: the goal page stops offering it.
    s.clock.set(new Date(s.clock.now().getTime() + 8 * 86400_000));
    expect(await (await s.get(goalPage)).text()).not.toContain('circle-join');
  });
});
