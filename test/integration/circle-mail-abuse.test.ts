// What a stranger holding a circle's invitation link can make Kompis send (attack findings r3, F8 and F12),
// against DynamoDB Local and local SES: the "yes, I join" form is rationed per client address and per circle,
// circle names with a link or an encoded-word are refused, and typed names reach every circle email plain.
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/core/ports.js';
import type { Goal } from '../../functions/core/goal.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { circleInvitationUrl } from '../../functions/core/circles/circle-links.js';
import { CIRCLE_JOINS_PER_CIRCLE_PER_DAY, CIRCLE_JOINS_PER_IP_PER_HOUR, inviteByEmail, startCircle } from '../../functions/core/circles/membership.js';
import { memberOf } from '../../functions/core/circles/circle.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';

async function setup() {
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
  const app = createApp(deps);
  const post = (path: string, fields: Record<string, string>, ip = '198.51.100.7') =>
    app.request(
      path,
      { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } },
      { incoming: { socket: { remoteAddress: ip } } },
    );
  const ola = await anActiveGoal(deps, { email: uniqueEmail('ola'), name: 'Ola', locale: 'en' });
  return { clock, deps, post, ola };
}

const path = (url: string) => new URL(url).pathname;

describe('the invitation link is not a mail cannon', () => {
  it('answers a flood of "yes" from one client address with a limit, and sends no more', async () => {
    const s = await setup();
    const circle = await startCircle(s.deps, s.ola, { name: 'Salg', memberName: 'Ola' });
    const invitation = path(circleInvitationUrl(s.deps.config, circle, s.clock.now()));
    const tag = uniqueEmail('flood').split('@')[0];
    const statuses: number[] = [];
    for (let i = 0; i < CIRCLE_JOINS_PER_IP_PER_HOUR + 3; i++) statuses.push((await s.post(invitation, { email: `${tag}-${i}@victim.example`, name: 'Vinn', yes: '1' })).status);
    expect(statuses.slice(0, CIRCLE_JOINS_PER_IP_PER_HOUR).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(CIRCLE_JOINS_PER_IP_PER_HOUR)).toEqual([429, 429, 429]);
    expect(await outboxFor(`${tag}-${CIRCLE_JOINS_PER_IP_PER_HOUR}@victim.example`)).toHaveLength(0);
    // The next hour, from the same address, one more goes.
    s.clock.set('2026-03-02T10:00:00Z');
    expect((await s.post(invitation, { email: `${tag}-later@victim.example`, name: 'Vinn', yes: '1' })).status).toBe(200);
  });

  it('counts every client address against the circle: a botnet gets a bounded number of emails a day', async () => {
    const s = await setup();
    const circle = await startCircle(s.deps, s.ola, { name: 'Salg', memberName: 'Ola' });
    const invitation = path(circleInvitationUrl(s.deps.config, circle, s.clock.now()));
    const tag = uniqueEmail('many').split('@')[0];
    const statuses: number[] = [];
    for (let i = 0; i < CIRCLE_JOINS_PER_CIRCLE_PER_DAY + 2; i++) statuses.push((await s.post(invitation, { email: `${tag}-${i}@victim.example`, name: 'Vinn', yes: '1' }, `203.0.113.${i + 1}`)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(CIRCLE_JOINS_PER_CIRCLE_PER_DAY);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});

describe('typed names in circle emails', () => {
  it('refuses a circle name with a link or an encoded-word, and a member name with an encoded-word', async () => {
    const s = await setup();
    const start = `${goalPagePath(s.deps.config, s.ola, s.clock.now())}/circle`;
    for (const fields of [
      { name: 'Vinn 1000 kr på www.evil.example', memberName: 'Anna' },
      { name: '=?utf-8?b?R28gd3d3LmV2aWwuZXhhbXBsZQ==?=', memberName: 'Anna' },
      { name: 'Salg', memberName: '=?utf-8?b?R28gd3d3LmV2aWwuZXhhbXBsZQ==?=' },
    ]) {
      const response = await s.post(start, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
    }
    expect((await s.deps.store.getGoal(s.ola.owner, s.ola.id))!.circle).toBeUndefined();
    const circle = await startCircle(s.deps, s.ola, { name: 'Salg', memberName: 'Ola' });
    const join = await s.post(path(circleInvitationUrl(s.deps.config, circle, s.clock.now())), { email: uniqueEmail('hi'), name: '=?utf-8?b?SGk=?=', yes: '1' });
    expect(join.status).toBe(400);
    expect(await join.text()).toContain('mail programs read that as code');
  });

  it('makes a circle name and an inviter name that slipped in (stored before the rule) plain in subject and body', async () => {
    const s = await setup();
    // A circle stored before names were checked: the emails still never carry a live link.
    const circle = await startCircle(s.deps, s.ola, { name: 'Vinn på www.evil.example', memberName: 'Ola' });
    const ola = (await s.deps.store.getGoal(s.ola.owner, s.ola.id)) as Goal;
    const from = memberOf(circle.id, ola, [], 'Ola evil.com', s.clock.now().toISOString());
    const to = uniqueEmail('friend');
    await inviteByEmail(s.deps, circle.id, from, to);
    const joiner = uniqueEmail('joiner');
    await s.post(path(circleInvitationUrl(s.deps.config, circle, s.clock.now())), { email: joiner, name: 'Kari', yes: '1' });
    for (const email of [...(await outboxFor(to)), ...(await outboxFor(joiner))]) {
      for (const text of [email.subject, email.body.text ?? '', email.body.html ?? '']) {
        expect(text).not.toMatch(/www\.evil\.example|evil\.com/);
      }
      expect(email.subject).toContain('evil[.]');
    }
    expect((await outboxFor(to)).length + (await outboxFor(joiner)).length).toBe(2);
  });
});
