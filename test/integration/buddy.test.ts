// The accountability buddy against DynamoDB Local and local SES: consent first, one invitation and one
// reminder, the weekly result, one-click reactions and leaving — each test on a table of its own.
import { describe, expect, it } from 'vitest';
import { MAX_INVITATIONS_PER_OWNER_PER_DAY } from '../../functions/core/buddy/invitations.js';
import { LimitReached } from '../../functions/core/errors.js';
import { nameBuddy } from '../../functions/core/buddy/invitations.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal, tickInvitations } from '../helpers/goals.js';
import { goalPagePath } from '../../functions/core/links/links.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';
import { buddySetup, MONDAY } from '../helpers/buddy-setup.js';
const WEEK = (n: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();

const setup = buddySetup;

async function accepted(s: Awaited<ReturnType<typeof setup>>) {
  const [invitation] = await outboxFor(s.buddy);
  const link = s.path(linksIn(invitation!, '/i/')[0]!);
  expect((await s.post(`${link}/accept`)).status).toBe(200);
  return link;
}

describe('inviting the buddy', () => {
  it('sends one invitation on confirming, however often the confirm button is pressed', async () => {
    const s = await setup();
    const [confirm] = await outboxFor(s.goal.owner);
    const confirmPath = s.path(linksIn(confirm!, '/c/')[0]!);
    await s.post(confirmPath);
    await s.post(confirmPath);
    expect(await s.subjectsTo(s.buddy)).toEqual([`${s.goal.owner} asks you to be their buddy`]);
    expect((await s.current()).buddy).toMatchObject({ status: 'invited', invitation: 1 });
    const text = (await outboxFor(s.buddy))[0]!.body.text!;
    expect(text).toContain(s.goal.owner); // who invited them
    expect(text).toContain('one short email a week'); // what it means
  });

  it('reminds once after three days and then never again, and nothing else reaches a buddy who has not said yes', async () => {
    const s = await setup();
    await tickAt(s.deps, '2026-03-05T08:59:00Z');
    expect(await s.subjectsTo(s.buddy)).toHaveLength(1);
    // A whole 3-week period, its check-ins, answers and the final report.
    for (const week of [1, 2, 3]) {
      await tickAt(s.deps, WEEK(week));
      s.clock.set(WEEK(week));
      await recordAnswer(s.deps, await s.current(), week, { count: 2, source: 'click' });
      await tickAt(s.deps, new Date(Date.parse(WEEK(week)) + 49 * 3600_000).toISOString());
    }
    await tickAt(s.deps, '2026-03-30T00:00:00Z');
    expect(await s.subjectsTo(s.buddy)).toEqual([`${s.goal.owner} asks you to be their buddy`, `Reminder: ${s.goal.owner} asks you to be their buddy`]);
    expect((await s.current()).status).toBe('completed');
  });

  it('removes the address on "no thanks", tells the owner, and lets the owner name someone else', async () => {
    const s = await setup();
    const link = s.path(linksIn((await outboxFor(s.buddy))[0]!, '/i/')[0]!);
    expect((await s.app.request(link)).status).toBe(200); // the page; a GET changes nothing
    expect((await s.current()).buddy?.status).toBe('invited');
    expect((await s.post(`${link}/decline`)).status).toBe(200);
    const goal = await s.current();
    expect(goal.buddy).toBeUndefined();
    expect(goal.pastBuddy).toEqual({ name: 'Kari', status: 'declined' });
    expect(JSON.stringify(goal)).not.toContain(s.buddy);
    expect(await s.subjectsTo(s.goal.owner)).toContain('Kari said no thanks');
    expect((await s.post(`${link}/accept`)).status).toBe(410); // the old invitation is closed

    // Someone new: asked for on the goal page, confirmed from the emailed link, sent by the tick.
    const next = uniqueEmail('per');
    const goalPath = s.path(linksIn((await outboxFor(s.goal.owner)).at(-1)!, '/g/')[0]!);
    expect((await s.post(`${goalPath}/buddy`, `buddyName=Per&buddyEmail=${encodeURIComponent(next)}`)).headers.get('location')).toBe(`${goalPath}?done=stepUp`);
    expect(await outboxFor(next)).toEqual([]);
    const stepUp = s.path(linksIn((await outboxFor(s.goal.owner)).at(-1)!, '/s/buddy/')[0]!);
    expect(await (await s.app.request(stepUp)).text()).toContain(`Invite Per to be your buddy?`);
    expect((await s.post(stepUp)).status).toBe(200);
    expect(await outboxFor(next)).toEqual([]);
    await tickInvitations(s.deps);
    expect(await s.subjectsTo(next)).toEqual([`${s.goal.owner} asks you to be their buddy`]);
  });

  it('asks once from a new-buddy link used twice, and a second use after the buddy said yes leaves them the buddy', async () => {
    // Found by the attack round: the 30-minute link acts on every POST (a reload, a second click), so the
    // same person was asked again — a second invitation — and a buddy who had said yes was asked anew.
    const s = await setup({ buddyEmail: '', buddyName: '' });
    const per = uniqueEmail('per');
    const goalPath = goalPagePath(s.deps.config, await s.current(), s.clock.now());
    await s.post(`${goalPath}/buddy`, `buddyName=Per&buddyEmail=${encodeURIComponent(per)}`);
    const stepUp = s.path(linksIn((await outboxFor(s.goal.owner)).at(-1)!, '/s/buddy/')[0]!);
    expect((await s.post(stepUp)).status).toBe(200);
    expect((await s.post(stepUp)).status).toBe(200);
    await tickInvitations(s.deps);
    expect(await s.subjectsTo(per)).toEqual([`${s.goal.owner} asks you to be their buddy`]);
    expect((await s.current()).invitationsSent).toBe(1);

    const invite = s.path(linksIn((await outboxFor(per))[0]!, '/i/')[0]!);
    expect((await s.post(`${invite}/accept`)).status).toBe(200);
    expect((await s.post(stepUp)).status).toBe(200);
    await tickInvitations(s.deps);
    expect((await s.current()).buddy).toMatchObject({ email: per, status: 'accepted' });
    expect(await s.subjectsTo(per)).toHaveLength(1);
  });

  it('never invites a suppressed address, and shows the owner the same as for anyone else (no oracle)', async () => {
    const s = await setup();
    const blocked = uniqueEmail('gone');
    await s.deps.store.suppress(blocked, 'complaint', MONDAY);
    const other = await anActiveGoal(s.deps, { email: s.goal.owner, locale: 'en', weeks: '3' });
    await nameBuddy(s.deps, s.goal.owner, s.goal.id, { email: blocked, name: 'Gone' });
    await nameBuddy(s.deps, s.goal.owner, other.id, { email: uniqueEmail('here'), name: 'Here' });
    await tickInvitations(s.deps);
    expect(await outboxFor(blocked)).toEqual([]);
    const [mine, theirs] = [await s.current(), (await s.deps.store.getGoal(other.owner, other.id))!];
    expect(mine.buddy).toMatchObject({ email: blocked, status: 'invited', invitation: 2 });
    expect(theirs.buddy).toMatchObject({ status: 'invited', invitation: 1 });
    // The goal page says the same of both, and the attempt was counted against the owner's day.
    const page = async (goal: typeof mine) => (await (await s.app.request(goalPagePath(s.deps.config, goal, s.clock.now()))).text()).replace(/nonce="[^"]+"|\/g\/[\w.-]+/g, '');
    const state = (html: string, name: string) => /data-testid="buddy">([^<]*)</.exec(html)?.[1]?.replace(/^[^—]*/, '').replace(name, '');
    expect(state(await page(mine), 'Gone')).toBe(state(await page(theirs), 'Here'));
    expect(state(await page(mine), 'Gone')).toBe('— invited, no answer yet');
    expect((await s.deps.store.exportPerson(s.goal.owner)).rateCounters).toContainEqual(expect.objectContaining({ scope: 'invite', count: 3 }));
  });

  it('stops at 3 invitations per goal and 5 per owner a day', async () => {
    const s = await setup();
    await nameBuddy(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('b2') });
    await nameBuddy(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('b3') });
    await expect(nameBuddy(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('b4') })).rejects.toBeInstanceOf(LimitReached);
    expect((await s.current()).invitationsSent).toBe(3);

    // The same owner's other goals share the daily limit: 3 used above, 2 more today, then no.
    const more = await Promise.all([1, 2, 3].map(() => anActiveGoal(s.deps, { email: s.goal.owner, locale: 'en', weeks: '3' })));
    await nameBuddy(s.deps, s.goal.owner, more[0]!.id, { email: uniqueEmail('c1') });
    await nameBuddy(s.deps, s.goal.owner, more[1]!.id, { email: uniqueEmail('c2') });
    const sixth = uniqueEmail('c3');
    await expect(nameBuddy(s.deps, s.goal.owner, more[2]!.id, { email: sixth })).rejects.toBeInstanceOf(LimitReached);
    expect(await outboxFor(sixth)).toEqual([]);
    expect(MAX_INVITATIONS_PER_OWNER_PER_DAY).toBe(5);
  });
});

describe('the weekly buddy email', () => {
  it('goes an hour after the answer, with the latest answer once, the chart and — only if shared — the note', async () => {
    const s = await setup();
    await accepted(s);
    expect(await s.subjectsTo(s.goal.owner)).toContain('Kari is your buddy');
    await tickAt(s.deps, WEEK(1));
    s.clock.set('2026-03-06T14:10:00Z');
    await recordAnswer(s.deps, await s.current(), 1, { count: 1, note: 'Slow week', source: 'click' });
    s.clock.set('2026-03-06T14:40:00Z');
    await recordAnswer(s.deps, await s.current(), 1, { count: 2, note: 'Slow week', source: 'web' });

    await tickAt(s.deps, '2026-03-06T15:09:00Z');
    expect((await outboxFor(s.buddy)).filter((e) => e.subject.startsWith('Week 1 of'))).toHaveLength(0);
    await tickAt(s.deps, '2026-03-06T15:10:00Z');
    await tickAt(s.deps, '2026-03-06T18:00:00Z');
    const weekly = (await outboxFor(s.buddy)).filter((e) => e.subject.startsWith('Week 1 of'));
    expect(weekly.map((e) => e.subject)).toEqual(['Week 1 of 3: 2 this week, target reached']);
    expect(weekly[0]!.body.text).toContain('Ola reported 2 this week; the weekly target is 2.');
    expect(weekly[0]!.body.text).toMatch(/Week 1: 2 ✓/);
    expect(weekly[0]!.body.text).not.toContain('Slow week');

    // Week 2 with notes shared; no answer at all: "hasn't reported" after 48 hours.
    const goalPath = s.path(linksIn((await outboxFor(s.goal.owner)).find((e) => e.subject.startsWith('Week 1'))!, '/g/')[0]!);
    await s.post(`${goalPath}/share-notes`, 'shareNotes=on');
    expect((await s.current()).shareNotes).toBe(true);
    await tickAt(s.deps, WEEK(2));
    await tickAt(s.deps, '2026-03-15T14:00:00Z');
    expect((await s.subjectsTo(s.buddy)).at(-1)).toBe('Week 2 of 3: no answer yet');
    expect((await outboxFor(s.buddy)).at(-1)!.body.text).toContain('Ola hasn’t answered the check-in for week 2 yet.');

    s.clock.set(WEEK(3));
    await tickAt(s.deps, WEEK(3));
    await recordAnswer(s.deps, await s.current(), 3, { count: 3, note: 'Met two at the meetup', source: 'click' });
    await tickAt(s.deps, '2026-03-20T15:00:00Z');
    expect((await outboxFor(s.buddy)).at(-1)!.body.text).toContain('Note from Ola: “Met two at the meetup”');

    await tickAt(s.deps, '2026-03-22T14:00:00Z');
    expect((await s.subjectsTo(s.buddy)).at(-1)).toBe('The 3 weeks are over: 5, 1 short of 6');
  });

  it('relays each reaction once per kind and week, with the short message of a "How’s it going?"', async () => {
    const s = await setup();
    await accepted(s);
    await tickAt(s.deps, WEEK(1));
    s.clock.set(WEEK(1));
    await recordAnswer(s.deps, await s.current(), 1, { count: 2, source: 'click' });
    await tickAt(s.deps, '2026-03-06T15:00:00Z');
    const weekly = (await outboxFor(s.buddy)).at(-1)!;
    const [applause, , ask] = linksIn(weekly, '/k/').map(s.path);

    expect((await s.app.request(applause!)).status).toBe(200);
    expect(await s.subjectsTo(s.goal.owner)).not.toContain('Kari: 👏 Well done');
    expect(await (await s.post(applause!)).text()).toContain('Sent. Ola gets it by email.');
    expect(await (await s.post(applause!)).text()).toContain('You have already sent this one for week 1.');
    expect((await s.post(ask!, `message=${encodeURIComponent('Who did you meet?')}`)).status).toBe(200);
    expect((await s.post(ask!, `message=${'x'.repeat(281)}`)).status).toBe(400);

    const owner = await outboxFor(s.goal.owner);
    expect(owner.filter((e) => e.subject === 'Kari: 👏 Well done')).toHaveLength(1);
    const asked = owner.filter((e) => e.subject === 'Kari: 💬 How’s it going?');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.text).toContain('"Who did you meet?"');
  });

  it('stops everything when the buddy leaves with one click, and tells the owner', async () => {
    const s = await setup();
    await accepted(s);
    await tickAt(s.deps, WEEK(1));
    await tickAt(s.deps, '2026-03-08T15:00:00Z');
    const weekly = (await outboxFor(s.buddy)).at(-1)!;
    const leave = s.path(linksIn(weekly, '/bl/')[0]!);
    // As a mail provider posts RFC 8058's one-click: no cookie, no Origin.
    const response = await s.post(leave, 'List-Unsubscribe=One-Click', {});
    expect(response.status).toBe(200);
    expect((await s.current()).buddy).toBeUndefined();
    expect(await s.subjectsTo(s.goal.owner)).toContain('Kari is no longer your buddy');
    const before = (await outboxFor(s.buddy)).length;
    for (const week of [2, 3]) {
      await tickAt(s.deps, WEEK(week));
      await tickAt(s.deps, new Date(Date.parse(WEEK(week)) + 49 * 3600_000).toISOString());
    }
    await tickAt(s.deps, '2026-03-30T00:00:00Z');
    expect(await outboxFor(s.buddy)).toHaveLength(before);
    expect((await s.current()).status).toBe('completed');
  });

  it('lists the goals a buddy follows on their page, with a way to leave each', async () => {
    const s = await setup();
    await accepted(s);
    await tickAt(s.deps, WEEK(1));
    await tickAt(s.deps, '2026-03-08T15:00:00Z');
    const page = s.path(linksIn((await outboxFor(s.buddy)).at(-1)!, '/buddy/')[0]!);
    const html = await (await s.app.request(page)).text();
    expect(html).toContain('The goals you follow');
    expect(html).toContain(s.goal.text);
    expect(html).toMatch(/<form method="post" action="\/bl\/[\w.-]+">/);
  });

  it('writes to the buddy in the owner’s language until the buddy picks another on their page', async () => {
    const s = await setup();
    await accepted(s);
    await tickAt(s.deps, WEEK(1));
    await tickAt(s.deps, '2026-03-08T15:00:00Z');
    expect((await s.subjectsTo(s.buddy)).at(-1)).toBe('Week 1 of 3: no answer yet');
    const page = s.path(linksIn((await outboxFor(s.buddy)).at(-1)!, '/buddy/')[0]!);
    expect((await s.post(`${page}/lang`, 'lang=nb')).status).toBe(303);
    expect(await (await s.app.request(page)).text()).toContain('Målene du følger');
    await tickAt(s.deps, WEEK(2));
    await tickAt(s.deps, '2026-03-15T15:00:00Z');
    expect((await s.subjectsTo(s.buddy)).at(-1)).toBe('Uke 2 av 3: ikke svart ennå');
    // The owner's language stays (the one reminder of the unanswered week 2 came after the check-in).
    expect((await s.subjectsTo(s.goal.owner)).filter((subject) => subject.startsWith('Week')).at(-1)).toBe('Week 2 of 3: how many this week?');
  });

  it('changes nothing on forged, truncated or wrong-purpose buddy links', async () => {
    const s = await setup();
    const link = s.path(linksIn((await outboxFor(s.buddy))[0]!, '/i/')[0]!);
    const token = link.split('/')[2]!;
    const forged = token.replace(/\.(.)/, (_, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    expect((await s.post(`/i/${forged}/accept`)).status).toBe(400);
    expect((await s.post(`/i/${token.slice(0, -4)}/accept`)).status).toBe(400);
    expect((await s.post(`/bl/${token}`, '', {})).status).toBe(400); // an invitation is not a leave link
    expect((await s.post(`/k/${token}`)).status).toBe(400);
    expect((await s.current()).buddy?.status).toBe('invited');
  });
});
