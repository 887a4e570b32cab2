// Several supporters per goal (issue 20) against DynamoDB Local and local SES: each supporter is asked,
// reminded, answers and is released on their own; only those who said yes get the weekly and final emails,
// one each; reactions name who sent them; links and sent markers of one never stand for another's.
import { describe, expect, it } from 'vitest';
import { AlreadySupporter, addSupporter, assertCanAdd, removeSupporter, SupportersFull } from '../../functions/core/buddy/supporters-owner.js';
import { supportersOf } from '../../functions/core/buddy/supporters.js';
import { LimitReached } from '../../functions/core/errors.js';
import type { Goal } from '../../functions/core/goal.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import { goalPagePath, invitationUrl } from '../../functions/core/links/links.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { uniqueEmail } from '../helpers/factories.js';
import { tickInvitations } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';
import { buddySetup, MONDAY } from '../helpers/buddy-setup.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import { confirmGoal } from '../../functions/core/goals/confirm.js';
import type { Deps } from '../../functions/core/ports.js';
import { FixedClock, freshTable, testDeps } from '../helpers/deps.js';
import { rawMail } from '../helpers/mail.js';

const WEEK = (n: number) => new Date(Date.parse('2026-03-06T14:00:00Z') + (n - 1) * 7 * 86400_000).toISOString();
const HOURS = (iso: string, h: number) => new Date(Date.parse(iso) + h * 3600_000).toISOString();

async function setup(fields: Record<string, string> = {}) {
  const base = await buddySetup(fields);
  const { deps, goal, clock, app, post, path } = base;
  const page = goalPagePath(deps.config, goal, clock.now());
  const goalPath = () => page;
  /** As the owner does it: the goal page's form, then the emailed step-up link. */
  const addOnPage = async (name: string, email: string) => {
    const asked = await post(`${goalPath()}/supporters`, `supporterName=${name}&supporterEmail=${encodeURIComponent(email)}`);
    expect(asked.headers.get('location')).toBe(`${goalPath()}?done=stepUp`);
    const stepUp = path(linksIn((await outboxFor(goal.owner)).at(-1)!, '/s/buddy/')[0]!);
    expect(await (await app.request(stepUp)).text()).toContain(`Ask ${name} to follow your goal too?`);
    expect((await post(stepUp)).status).toBe(200);
  };
  const invitation = async (address: string) => path(linksIn((await outboxFor(address))[0]!, '/i/')[0]!);
  return { ...base, kari: base.buddy, goalPath, addOnPage, invitation };
}

describe('several supporters per goal', () => {
  it('asks each on their own; only those who say yes get the weekly and final emails, one of each per supporter', async () => {
    const s = await setup();
    const per = uniqueEmail('per');
    const lise = uniqueEmail('lise');
    await s.addOnPage('Per', per);
    await s.addOnPage('Lise', lise);
    expect(await outboxFor(per)).toEqual([]); // the invitation goes through the tick, never straight from a page
    await tickInvitations(s.deps);
    const invite = `${s.goal.owner} asks you to be their buddy`;
    for (const who of [s.kari, per, lise]) expect(await s.subjectsTo(who)).toEqual([invite]);
    const goal = await s.current();
    expect(supportersOf(goal).map((b) => [b.name, b.status])).toEqual([['Kari', 'invited'], ['Per', 'invited'], ['Lise', 'invited']]);
    expect(new Set(supportersOf(goal).map((b) => b.invitation)).size).toBe(3);

    // A fourth is one too many; the same address twice is refused before any link is emailed.
    await expect(addSupporter(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('fourth') })).rejects.toBeInstanceOf(SupportersFull);
    expect((await s.post(`${s.goalPath()}/supporters`, `supporterEmail=${encodeURIComponent(per)}`)).status).toBe(409);

    // Kari and Per say yes, Lise says no: the owner hears which one.
    expect((await s.post(`${await s.invitation(s.kari)}/accept`)).status).toBe(200);
    expect((await s.post(`${await s.invitation(per)}/accept`)).status).toBe(200);
    expect((await s.post(`${await s.invitation(lise)}/decline`)).status).toBe(200);
    const owner = await s.subjectsTo(s.goal.owner);
    expect(owner).toContain('Kari is your buddy');
    expect(owner).toContain('Per is your buddy');
    expect(owner).toContain('Lise said no thanks');
    const after = await s.current();
    expect(supportersOf(after).map((b) => [b.name, b.status])).toEqual([['Kari', 'accepted'], ['Per', 'accepted']]);
    expect(JSON.stringify(after)).not.toContain(lise);

    // Three weeks: each who said yes gets each week's email and the final one, once; Lise nothing more.
    for (const week of [1, 2, 3]) {
      await tickAt(s.deps, WEEK(week));
      s.clock.set(WEEK(week));
      await recordAnswer(s.deps, await s.current(), week, { count: 2, source: 'click' });
      await tickAt(s.deps, HOURS(WEEK(week), 2));
      await tickAt(s.deps, HOURS(WEEK(week), 49));
    }
    await tickAt(s.deps, '2026-03-30T00:00:00Z');
    await tickAt(s.deps, '2026-03-31T00:00:00Z');
    expect((await s.current()).status).toBe('completed');
    const weeks = [1, 2, 3].map((n) => `Week ${n} of 3: 2 this week, target reached`);
    for (const who of [s.kari, per]) expect(await s.subjectsTo(who)).toEqual([invite, ...weeks, 'Goal reached: 6 in 3 weeks']);
    expect(await s.subjectsTo(lise)).toEqual([invite]);
    // No supporter's email names another supporter's address.
    for (const email of await outboxFor(per)) expect(JSON.stringify(email)).not.toContain(s.kari);
    for (const email of await outboxFor(s.kari)) expect(JSON.stringify(email)).not.toContain(per);
  }, 120_000);

  it('refuses a fourth supporter whose step-up link was asked for before the third was added: 409, in the goal’s language', async () => {
    const s = await setup({ locale: 'nb' });
    const asked: string[] = [];
    for (const who of ['per', 'lise', 'ola2']) {
      expect((await s.post(`${s.goalPath()}/supporters`, `supporterEmail=${encodeURIComponent(uniqueEmail(who))}`)).status).toBe(303);
      asked.push(s.path(linksIn((await outboxFor(s.goal.owner)).at(-1)!, '/s/buddy/')[0]!));
    }
    expect((await s.post(asked[0]!)).status).toBe(200);
    expect((await s.post(asked[1]!)).status).toBe(200);
    const refused = await s.post(asked[2]!);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Dette målet har 3 støttespillere');
    expect(supportersOf(await s.current())).toHaveLength(3);
  });

  it('reminds each silent supporter once, and names who sent each reaction (once per kind, week and supporter)', async () => {
    const s = await setup();
    const per = uniqueEmail('per');
    await s.addOnPage('Per', per);
    await tickInvitations(s.deps);
    // Both fall due at the same time: one tick sends both, and a later one neither again.
    const reminder = `Reminder: ${s.goal.owner} asks you to be their buddy`;
    await tickAt(s.deps, '2026-03-05T10:00:00Z');
    for (const who of [s.kari, per]) expect((await s.subjectsTo(who)).filter((x) => x === reminder)).toHaveLength(1);
    await tickAt(s.deps, '2026-03-06T10:00:00Z');
    for (const who of [s.kari, per]) expect((await s.subjectsTo(who)).filter((x) => x === reminder)).toHaveLength(1);

    await s.post(`${await s.invitation(s.kari)}/accept`);
    await s.post(`${await s.invitation(per)}/accept`);
    await tickAt(s.deps, WEEK(1));
    s.clock.set(WEEK(1));
    await recordAnswer(s.deps, await s.current(), 1, { count: 2, source: 'click' });
    await tickAt(s.deps, HOURS(WEEK(1), 2));
    const applause = async (who: string) => s.path(linksIn((await outboxFor(who)).at(-1)!, '/k/')[0]!);
    const [fromKari, fromPer] = [await applause(s.kari), await applause(per)];
    expect(fromKari).not.toBe(fromPer);
    expect(await (await s.post(fromKari)).text()).toContain('Sent.');
    expect(await (await s.post(fromPer)).text()).toContain('Sent.');
    expect(await (await s.post(fromPer)).text()).toContain('You have already sent this one for week 1.');
    const owner = await s.subjectsTo(s.goal.owner);
    expect(owner.filter((x) => x === 'Kari: 👏 Well done')).toHaveLength(1);
    expect(owner.filter((x) => x === 'Per: 👏 Well done')).toHaveLength(1);
  }, 60_000);

  it('lets one supporter leave, be removed or be forgotten without touching the others', async () => {
    const s = await setup();
    const [per, lise] = [uniqueEmail('per'), uniqueEmail('lise')];
    await s.addOnPage('Per', per);
    await s.addOnPage('Lise', lise);
    await tickInvitations(s.deps);
    for (const who of [s.kari, per, lise]) await s.post(`${await s.invitation(who)}/accept`);

    // A link without Per's id, naming Per's address, stands for nobody: one supporter's link never stands for another's.
    const noId = s.path(invitationUrl(s.deps.config, s.goal, per, s.clock.now()));
    expect((await s.post(`${noId}/decline`)).status).toBe(410);

    // The owner removes Per: Per's links close, Kari and Lise stay.
    const perLink = await s.invitation(per);
    const perId = (await s.current()).supporters!.find((b) => b.email === per)!.id!;
    expect((await s.post(`${s.goalPath()}/supporters/${perId}/remove`)).headers.get('location')).toBe(`${s.goalPath()}?done=removed`);
    expect((await s.app.request(perLink)).status).toBe(410);
    expect(await s.deps.store.listBuddyLinks(per)).toEqual([]);

    // Lise asks Kompis to forget her: only she goes, and the owner is told it was her.
    await deleteEverything(s.deps, lise);
    expect(await s.subjectsTo(s.goal.owner)).toContain('Lise is no longer your buddy');
    const goal = await s.current();
    expect(supportersOf(goal).map((b) => b.email)).toEqual([s.kari]);
    expect(goal.supporters).toBeUndefined();
    expect(goal.buddy).toMatchObject({ email: s.kari, status: 'accepted' });
  });

  it('exports every supporter, and delete everything removes every supporter’s link', async () => {
    const s = await setup();
    const per = uniqueEmail('per');
    await s.addOnPage('Per', per);
    await tickInvitations(s.deps);
    const exported = await s.deps.store.exportPerson(s.goal.owner);
    expect(supportersOf(exported.goals[0] as Goal).map((b) => b.email)).toEqual([s.kari, per]);
    expect(await s.deps.store.listBuddyLinks(per)).toHaveLength(1);
    await deleteEverything(s.deps, s.goal.owner);
    expect(await s.deps.store.listBuddyLinks(per)).toEqual([]);
    expect(await s.deps.store.listBuddyLinks(s.kari)).toEqual([]);
  });

  it('gives the added supporters 3 invitations together, on top of the first supporter’s 3', async () => {
    const s = await setup();
    const [per, lise] = [uniqueEmail('per'), uniqueEmail('lise')];
    await addSupporter(s.deps, s.goal.owner, s.goal.id, { email: per });
    await addSupporter(s.deps, s.goal.owner, s.goal.id, { email: lise });
    await tickInvitations(s.deps);
    const perId = (await s.current()).supporters!.find((b) => b.email === per)!.id!;
    // Lise, silent, is invited again from the goal page: the second of the added supporters' three.
    const liseId = (await s.current()).supporters!.find((b) => b.email === lise)!.id!;
    expect((await s.post(`${s.goalPath()}/supporters/${liseId}/again`)).headers.get('location')).toBe(`${s.goalPath()}?done=invited`);
    await tickInvitations(s.deps);
    expect(await outboxFor(lise)).toHaveLength(2);
    await removeSupporter(s.deps, s.goal.owner, s.goal.id, perId);
    await expect(addSupporter(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('third') })).rejects.toThrow(LimitReached);
    // The first supporter's three are their own: Kari can still be invited again.
    await s.post(`${s.goalPath()}/buddy/again`);
    await expect(assertCanAdd(s.deps, await s.current(), lise)).rejects.toBeInstanceOf(AlreadySupporter);
    const goal = await s.current();
    expect([goal.invitationsSent, goal.supporterInvitations]).toEqual([5, 3]);
  });

  it('reads a goal stored before issue 20 (one `buddy`, no ids) as one supporter, whose old links keep working', async () => {
    const s = await setup();
    const stored = await s.current();
    // Written as goals were before issue 20: no `supporters`, no id on the buddy.
    const old: Goal = { ...stored, buddy: { email: s.kari, name: 'Kari', status: 'invited', invitation: 1, invitedAt: MONDAY }, version: stored.version + 1 };
    delete old.supporters;
    expect(await s.deps.store.saveGoal(old)).toBe(true);
    const loaded = await s.current();
    expect(supportersOf(loaded)).toEqual([{ email: s.kari, name: 'Kari', status: 'invited', invitation: 1, invitedAt: MONDAY }]);
    // The invitation emailed before (its link names no id) still answers for Kari, also once Per is added.
    await addSupporter(s.deps, s.goal.owner, s.goal.id, { email: uniqueEmail('per'), name: 'Per' });
    expect((await s.post(`${await s.invitation(s.kari)}/accept`)).status).toBe(200);
    expect((await s.current()).buddy).toMatchObject({ email: s.kari, status: 'accepted' });
    expect((await s.current()).supporters?.[0]).toMatchObject({ name: 'Per', status: 'not-invited' });
  });

  it('takes up to three supporters from an email sign-up’s Cc, lists them in the answer, and asks each once confirmed', async () => {
    const clock = new FixedClock(new Date(MONDAY));
    const deps = testDeps(clock, await freshTable()) as Deps & { clock: FixedClock };
    const [owner, kari, per, lise, nils] = ['ola', 'kari', 'per', 'lise', 'nils'].map(uniqueEmail) as [string, string, string, string, string];
    const to = `goal@${deps.config.inboundDomain}`;
    const raw = await rawMail({
      from: `Ola <${owner}>`,
      to,
      cc: `Kari <${kari}>, Per <${per}>, ${owner}, Lise <${lise}>, Nils <${nils}>`,
      subject: 'Nytt mål',
      text: 'Jeg skal få kontakt med minst 2 beslutningstakere innen økonomi hver uke i seks uker.',
    });
    expect(await handleInbound(deps, { messageId: 'm-cc', raw, recipients: [to], verdicts: LOCAL_VERDICTS })).toMatchObject([{ outcome: 'signed-up' }]);
    const [reply] = await outboxFor(owner);
    expect(reply!.body.text).toContain(`Kari <${kari}>, Per <${per}>, Lise <${lise}>`);
    expect(reply!.body.text).not.toContain(nils); // three at most
    const [pending] = (await deps.store.exportPerson(owner)).goals;
    expect(supportersOf(pending as Goal).map((b) => b.email)).toEqual([kari, per, lise]);
    await confirmGoal(deps, { owner, goalId: pending!.id });
    await tickInvitations(deps);
    for (const who of [kari, per, lise]) expect(await outboxFor(who)).toHaveLength(1);
    expect(await outboxFor(nils)).toEqual([]);
  });
});
