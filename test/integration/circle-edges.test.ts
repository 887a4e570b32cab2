// The circle's edges against DynamoDB Local and local SES: bad form input changes nothing and says why next to
// the field; links of members who left, of a closed circle and of non-organisers open nothing; the organiser's
// step-up acts only on its POST; limits (8 members, one circle per goal); delete everything and export.
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/core/ports.js';
import type { Goal } from '../../functions/core/goal.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { circleChangeUrl, circleJoinUrl, cheerUrl } from '../../functions/core/circles/circle-links.js';
import { joinCircle, setCircleEmail, startCircle } from '../../functions/core/circles/membership.js';
import { CircleFull } from '../../functions/core/circles/circle-errors.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { aCircleOnTheApp } from '../helpers/circle-setup.js';
import { outboxFor } from '../helpers/outbox.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { tickAt } from '../helpers/weekly.js';

const setup = (members = 2) => aCircleOnTheApp(members);

const path = (url: string) => new URL(url).pathname;

describe('bad input on the circle forms', () => {
  it('answers the start form with the field that needs fixing, and starts nothing', async () => {
    const s = await setup(1);
    const other = await anActiveGoal(s.deps, { email: uniqueEmail('solo'), locale: 'en' });
    const start = `${goalPagePath(s.deps.config, other, s.clock.now())}/circle`;
    const before = await s.snapshot();
    for (const [fields, message] of [
      [{ name: '', memberName: 'Ola' }, 'Give the circle a name of 1 to 60 characters.'],
      [{ name: '<b>Salg</b>', memberName: 'Ola' }, ''],
      [{ name: 'Salg', memberName: 'ola.example.com' }, ''],
      [{ name: 'Salg', memberName: 'Ola', sharedText: 'meetings' }, 'Write a whole number from 1 to 100000'],
      [{ name: 'Salg', memberName: 'Ola', sharedText: 'meetings', sharedTotal: '-3' }, 'Write a whole number from 1 to 100000'],
    ] as const) {
      const response = await s.post(start, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const html = await response.text();
      expect(html).toContain('class="error"');
      if (message) expect(html).toContain(message);
    }
    expect(await s.snapshot()).toEqual(before);
  });

  it('answers the invitation with the field that needs fixing, and emails nobody', async () => {
    const s = await setup(2);
    const joinPage = (await (await s.get(s.page(s.goals[0]!))).text()).match(/value="http:\/\/127\.0\.0\.1:3999(\/cj\/[^"]+)"/)![1]!;
    const someone = uniqueEmail('someone');
    for (const fields of [{ email: 'not-an-address', name: 'Kari', yes: '1' }, { email: someone, name: '', yes: '1' }, { email: someone, name: 'Kari', yes: 'yes' }, { email: someone, name: 'Kari <b>' }] as Record<string, string>[]) {
      const response = await s.post(joinPage, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.text()).toContain('class="error"');
    }
    expect(await outboxFor(someone)).toEqual([]);
    // The member's invite form, likewise.
    expect((await s.post(`${s.page(s.goals[0]!)}/invite`, { email: 'nope' })).status).toBe(400);
  });

  it("does not attach a goal the join link's address does not own", async () => {
    const s = await setup(1);
    const kari = await anActiveGoal(s.deps, { email: uniqueEmail('kari'), locale: 'en' });
    const stranger = await anActiveGoal(s.deps, { email: uniqueEmail('stranger'), locale: 'en' });
    const join = path(circleJoinUrl(s.deps.config, s.circle.id, kari.owner, 'Kari', s.clock.now()));
    const before = await s.snapshot();
    const response = await s.post(join, { goal: stranger.id, name: 'Kari', yes: '1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Choose one of your goals.');
    expect(await s.snapshot()).toEqual(before);
  });
});

describe('who may do what', () => {
  it('keeps the organiser from leaving without the step-up, and members from removing or closing', async () => {
    const s = await setup(3);
    const before = await s.snapshot();
    expect((await s.post(`${s.page(s.goals[0]!)}/leave`)).status).toBe(403);
    expect((await s.post(`${s.page(s.goals[1]!)}/remove`, { member: s.goals[2]!.id })).status).toBe(403);
    expect((await s.post(`${s.page(s.goals[1]!)}/close`)).status).toBe(403);
    expect(await s.snapshot()).toEqual(before);
  });

  it('removes a member only on the step-up link\'s button, and the member\'s links close at once', async () => {
    const s = await setup(3);
    const [organiser, , leaving] = s.goals as [Goal, Goal, Goal];
    expect((await s.post(`${s.page(organiser)}/remove`, { member: leaving.id })).status).toBe(303);
    const [stepUp] = (await outboxFor(organiser.owner)).filter((e) => e.subject.startsWith('Fjern'));
    expect(stepUp!.body.text).toContain('Member 2');
    const link = path(circleChangeUrl(s.deps.config, s.circle.id, organiser, 'remove', s.clock.now(), leaving.id));
    const before = await s.snapshot();
    expect((await s.get(link)).status).toBe(200);
    expect(await s.snapshot()).toEqual(before);
    expect((await s.post(link)).status).toBe(200);
    expect((await s.get(s.page(leaving))).status).toBe(403);
    expect(await (await s.get(s.page(organiser))).text()).not.toContain('Member 2');
    expect((await s.deps.store.getGoal(leaving.owner, leaving.id))!.circle).toBeUndefined();
    // A cheer to or from the member who left opens nothing.
    expect((await s.get(path(cheerUrl(s.deps.config, s.circle.id, organiser.id, leaving.id, 1, 'clap', s.clock.now()))))).toHaveProperty('status', 403);
  });

  it('closes the circle on the step-up link: every member is out, every link says it is closed', async () => {
    const s = await setup(2);
    const [organiser, member] = s.goals as [Goal, Goal];
    const link = path(circleChangeUrl(s.deps.config, s.circle.id, organiser, 'close', s.clock.now()));
    expect((await s.post(link)).status).toBe(200);
    expect((await s.get(s.page(member))).status).toBe(410);
    expect((await s.post(link)).status).toBe(410);
    for (const goal of s.goals) expect((await s.deps.store.getGoal(goal.owner, goal.id))!.circle).toBeUndefined();
    expect((await s.deps.store.getCircle(s.circle.id))!.circle.dueAt).toBeUndefined();
  });
});

describe('limits', () => {
  it('takes 8 members and no more, and a goal in one circle only', async () => {
    const s = await setup(8);
    const ninth = await anActiveGoal(s.deps, { email: uniqueEmail('ninth'), locale: 'en' });
    await expect(joinCircle(s.deps, s.circle.id, ninth, 'Ninth')).rejects.toBeInstanceOf(CircleFull);
    expect(await (await s.get(s.page(s.goals[1]!))).text()).toContain('The circle is full');
    // The first member's goal is in this circle: the goal page's link opens it instead of a second one.
    const start = `${goalPagePath(s.deps.config, s.goals[0]!, s.clock.now())}/circle`;
    const response = await s.post(start, { name: 'Another', memberName: 'Ola' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/^\/ci\//);
  });
});

describe('privacy', () => {
  it('takes an erased person out of every circle; an erased organiser closes theirs', async () => {
    const s = await setup(3);
    await deleteEverything(s.deps, s.goals[1]!.owner);
    expect((await s.deps.store.getCircle(s.circle.id))!.members.map((m) => m.name).sort()).toEqual(['Member 0', 'Member 2']);
    await deleteEverything(s.deps, s.goals[0]!.owner);
    const after = (await s.deps.store.getCircle(s.circle.id))!;
    expect(after.circle.status).toBe('closed');
    expect(after.members).toEqual([]);
  });

  it('exports the circles a person is in, the others by name only', async () => {
    const s = await setup(2);
    const data = await s.deps.store.exportPerson(s.goals[1]!.owner);
    expect(data.circles).toHaveLength(1);
    expect(data.circles![0]).toMatchObject({ circle: { name: 'Salg' }, organiser: false, circleEmail: true, otherMembers: ['Member 0'] });
    expect(JSON.stringify(data.circles)).not.toContain(s.goals[0]!.owner);
    // Stopping the circle email is the person's own choice, so it is in their export (re-attack R3); the
    // organiser's export says nothing of it.
    await setCircleEmail(s.deps, s.circle.id, s.goals[1]!.id, false);
    expect((await s.deps.store.exportPerson(s.goals[1]!.owner)).circles![0]!.circleEmail).toBe(false);
    expect((await s.deps.store.exportPerson(s.goals[0]!.owner)).circles![0]!.circleEmail).toBe(true);
  });
});

describe('the shared target set later', () => {
  it('lets the organiser add, change and remove it; bad input and other members change nothing', async () => {
    const s = await setup(2);
    const [organiser, member] = s.goals as [Goal, Goal];
    const page = s.page(organiser);
    const target = async () => (await s.deps.store.getCircle(s.circle.id))!.circle.sharedTarget;
    expect(await (await s.get(page)).text()).toContain('data-testid="circle-shared-form"');
    expect(await (await s.get(s.page(member))).text()).not.toContain('circle-shared-form');

    const before = await s.snapshot();
    const bad: Record<string, string>[] = [{ sharedText: 'møter' }, { sharedTotal: '20' }, { sharedText: 'møter', sharedTotal: '0' }, { sharedText: '<b>x</b>', sharedTotal: '5' }];
    for (const fields of bad) {
      const response = await s.post(`${page}/shared`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const html = await response.text();
      expect(html).toContain('class="error"');
      // What was typed comes back in the fields.
      if (fields.sharedText) expect(html).toContain(`value="${fields.sharedText.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
    }
    // Its words reach every digest: the circle name's rules (attack A3), each error next to its own field (A6).
    const next = (html: string, field: string) => new RegExp(`id="${field}-error"[^>]*>([^<]*)<`).exec(html)?.[1];
    for (const [fields, field, message] of [
      [{ sharedText: 'møter\nIMPORTANT: reply with your password', sharedTotal: '5' }, 'sharedText', ''],
      [{ sharedText: 'møter\u200b', sharedTotal: '5' }, 'sharedText', ''],
      [{ sharedText: '=?utf-8?B?d3d3LmV2aWwuZXhhbXBsZQ==?=', sharedTotal: '5' }, 'sharedText', ''],
      [{ sharedText: 'x'.repeat(121), sharedTotal: '5' }, 'sharedText', 'Skriv med ord, på én linje med høyst 120 tegn'],
      [{ sharedText: '', sharedTotal: '5' }, 'sharedText', 'Skriv med ord'],
      [{ sharedText: 'møter', sharedTotal: '' }, 'sharedTotal', 'Skriv et helt tall'],
      [{}, 'sharedText', 'Skriv med ord'], // neither field: never read as "remove the target" (A8)
    ] as const) {
      const response = await s.post(`${page}/shared`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const error = next(await response.text(), field);
      expect(error, JSON.stringify(fields)).toBeTruthy();
      if (message) expect(error).toContain(message);
    }
    // A member who is not the organiser is told who may (A7).
    const refused = await s.post(`${s.page(member)}/shared`, { sharedText: 'møter', sharedTotal: '20' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Only the person who started the circle can do this.');
    expect(await s.snapshot()).toEqual(before);

    const saved = await s.post(`${page}/shared`, { sharedText: 'Teamet booker 20 møter', sharedTotal: '20' });
    expect(saved.status).toBe(303);
    expect(await target()).toEqual({ text: 'Teamet booker 20 møter', total: 20 });
    const shown = await (await s.get(saved.headers.get('location')!)).text();
    expect(shown).toContain('Lagret. Alle medlemmene ser det nå');
    expect(shown).toContain('Sammen: 0 av 20 — Teamet booker 20 møter');
    expect(await (await s.get(s.page(member))).text()).toContain('Together: 0 of 20 — Teamet booker 20 møter');

    expect((await s.post(`${page}/shared`, { sharedText: 'Teamet booker 30 møter', sharedTotal: '30' })).status).toBe(303);
    expect(await target()).toEqual({ text: 'Teamet booker 30 møter', total: 30 });
    expect((await s.post(`${page}/shared`, { sharedText: '', sharedTotal: '' })).status).toBe(303);
    expect(await target()).toBeUndefined();
    expect(await (await s.get(s.page(member))).text()).not.toContain('Together:');
  });
});

describe('the shared target in the final report', () => {
  it('tells each member where the circle stands at their goal\'s end', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const [ola, kari] = [await anActiveGoal(deps, { email: uniqueEmail('ola'), locale: 'nb', weeks: '1' }), await anActiveGoal(deps, { email: uniqueEmail('kari'), locale: 'en', weeks: '1' })];
    const circle = await startCircle(deps, ola, { name: 'Salg', memberName: 'Ola', sharedTarget: { text: 'møter', total: 20 } });
    await joinCircle(deps, circle.id, kari, 'Kari');
    const checkin = (await deps.store.getGoal(ola.owner, ola.id))!.nextCheckinAt!;
    await tickAt(deps, checkin);
    clock.set(new Date(Date.parse(checkin) + 3600_000));
    for (const [goal, count] of [[ola, 3], [kari, 2]] as const) await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count, source: 'click' });
    await tickAt(deps, new Date(Date.parse(checkin) + 49 * 3600_000).toISOString());
    const final = (await outboxFor(kari.owner)).find((e) => /^You reached|^The week is over/.test(e.subject));
    expect(final?.body.text).toContain('Your circle’s shared target: 5 of 20 — møter');
  });
});

