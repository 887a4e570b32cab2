// "Delete everything" (the goal page's emailed step-up link) and "delete what Kompis knows about me" (the
// buddy page's): afterwards a full Scan finds the address nowhere and its hash only in the suppression
// entry, and nothing is ever sent to the address again. What nobody confirmed expires by itself.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createDynamoClient } from '../../functions/adapters/clients.js';
import { DynamoStore } from '../../functions/adapters/dynamo-store.js';
import { acceptInvitation, nameBuddy, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { confirmGoal } from '../../functions/core/goals/confirm.js';
import { deleteEverything } from '../../functions/core/goals/delete-everything.js';
import { buddyPageUrl, goalPagePath } from '../../functions/core/links/links.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { handleInbound } from '../../functions/core/inbound/inbound.js';
import { LOCAL_VERDICTS } from '../../functions/core/inbound/trust.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { clientEnv, FixedClock, freshTable, TEST_BASE_URL, testConfig, testDeps } from '../helpers/deps.js';
import { depsWithFaults } from '../helpers/fault-run.js';
import { aSignupForm, formBody, uniqueEmail } from '../helpers/factories.js';
import { rawMail } from '../helpers/mail.js';
import { anActiveGoal, tickInvitations } from '../helpers/goals.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function everything(tableName: string): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-north-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName })); // a test may look at the whole table
  client.destroy();
  return Items.map((item) => unmarshall(item));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const form = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL };
const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

async function aTable() {
  const table = await freshTable();
  const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
  const deps = testDeps(clock, table) as Deps & { clock: FixedClock };
  return { table: table.KOMPIS_TABLE!, clock, deps, app: createApp(deps) };
}

/** Ola's goal with Kari as the buddy who said yes, and Kari's page. */
async function aGoalWithKari(t: Awaited<ReturnType<typeof aTable>>) {
  const kari = uniqueEmail('kari');
  const goal = await anActiveGoal(t.deps, { locale: 'en', name: 'Ola', weeks: '3', buddyName: 'Kari', buddyEmail: kari });
  const invite = pathOf(linksIn((await outboxFor(kari))[0]!, '/i/')[0]!);
  await t.app.request(`${invite}/accept`, { method: 'POST', headers: form });
  return { kari, goal, page: pathOf(buddyPageUrl(t.deps.config, kari, t.deps.clock.now())) };
}

describe('delete everything', () => {
  it('removes every item naming the person — past buddies, their role as someone else’s buddy, a sign-up made by someone else — and keeps only the suppression hash', async () => {
    const { table, clock, deps, app } = await aTable();
    const pat = uniqueEmail('pat');
    const [said, gone, now, owner, asker] = ['said-no', 'left', 'now', 'olga', 'quinn'].map(uniqueEmail) as [string, string, string, string, string];
    // Pat's first goal: one buddy said no, the next is invited now; a week answered with a private note.
    const first = await anActiveGoal(deps, { email: pat, locale: 'en', weeks: '3', buddyName: 'Sid', buddyEmail: said });
    await releaseBuddy(deps, { owner: pat, goalId: first.id, buddy: said }, 'declined');
    await nameBuddy(deps, pat, first.id, { email: now, name: 'Nora' });
    await tickInvitations(deps);
    // Pat's second goal: the buddy said yes, then left.
    const second = await anActiveGoal(deps, { email: pat, locale: 'en', weeks: '3', buddyEmail: gone });
    await acceptInvitation(deps, { owner: pat, goalId: second.id, buddy: gone });
    await releaseBuddy(deps, { owner: pat, goalId: second.id, buddy: gone }, 'left');
    // Pat is Olga's buddy (said yes), and named by Quinn on a goal Quinn has not confirmed.
    const olgas = await anActiveGoal(deps, { email: owner, locale: 'en', weeks: '3', buddyName: 'Pat', buddyEmail: pat });
    await acceptInvitation(deps, { owner, goalId: olgas.id, buddy: pat });
    const quinns = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: asker, locale: 'en', buddyEmail: pat })));
    // Someone else wrote a goal down with Pat's address and never confirmed it.
    const thirdParty = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: pat, locale: 'en', goal: 'Not mine at all, 2 a week' })));
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(pat, first.id))!, 1, { count: 2, note: 'private note', source: 'click' });
    expect(JSON.stringify(await everything(table))).toContain(pat);

    // From the goal page: the box ticked, a link emailed, the link's page, its button.
    const goalPath = goalPagePath(deps.config, (await deps.store.getGoal(pat, first.id))!, clock.now());
    const post = (path: string, body = '') => app.request(path, { method: 'POST', body, headers: form });
    expect((await post(`${goalPath}/delete`)).status).toBe(400);
    expect((await post(`${goalPath}/delete`, 'confirm=yes')).headers.get('location')).toBe(`${goalPath}?done=stepUp`);
    expect((await deps.store.getGoal(pat, first.id))?.status).toBe('active');
    const link = pathOf(linksIn((await outboxFor(pat)).at(-1)!, '/s/delete/')[0]!);
    expect(await (await app.request(link)).text()).toContain(`Delete everything about ${pat}?`);
    expect((await deps.store.getGoal(pat, first.id))?.status).toBe('active'); // a GET deletes nothing
    const done = await post(link);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Everything Kompis had about you is deleted');

    const left = await everything(table);
    const text = JSON.stringify(left);
    expect(text).not.toContain(pat);
    for (const id of [first.id, second.id, thirdParty.id]) expect(text).not.toContain(id);
    expect(text).not.toContain('private note');
    expect(text).not.toContain('Not mine at all');
    // Past buddies' links went too (they named Pat); only what Kompis must remember stays, by hash.
    expect(left.filter((item) => JSON.stringify(item).includes(sha256(pat)))).toEqual([expect.objectContaining({ pk: `SUPPRESS#${sha256(pat)}` })]);
    // Olga's goal lost its buddy, kept nothing of Pat, and Olga was told; Quinn's pending goal names nobody.
    const olgaNow = (await deps.store.getGoal(owner, olgas.id))!;
    expect(olgaNow).toMatchObject({ status: 'active', pastBuddy: { status: 'left' } });
    expect(olgaNow.buddy).toBeUndefined();
    expect((await outboxFor(owner)).map((e) => e.subject)).toContain('Pat is no longer your buddy');
    expect((await deps.store.getGoal(asker, quinns.id))?.buddy).toBeUndefined();
    expect(await (await app.request(goalPagePath(deps.config, olgaNow, clock.now()))).text()).toContain('Your buddy left.');

    const before = (await outboxFor(pat)).length;
    await deps.mailer.send({ to: pat, subject: 'x', html: 'x', text: 'x' });
    expect(await outboxFor(pat)).toHaveLength(before);
    expect((await app.request(goalPath)).status).toBe(404);
  });

  it('forgets a no the person said to other owners: the hash stays only in the suppression entry, whoever is erased', async () => {
    // Found by the attack round: an owner's refusal item (REFUSED#<sha256 of the buddy>) outlived the buddy's
    // erasure, so the address's hash stayed in other people's partitions.
    const { table, deps } = await aTable();
    const [pat, olga, otto] = ['pat', 'olga', 'otto'].map(uniqueEmail) as [string, string, string];
    for (const owner of [olga, otto]) {
      const goal = await anActiveGoal(deps, { email: owner, locale: 'en', weeks: '3', buddyEmail: pat });
      await releaseBuddy(deps, { owner, goalId: goal.id, buddy: pat }, 'declined');
    }
    expect(await deps.store.hasRefused(olga, pat)).toBe(true);
    await deleteEverything(deps, pat);
    const naming = (who: string) => everything(table).then((items) => items.filter((item) => JSON.stringify(item).includes(who)));
    expect((await naming(sha256(pat))).map((item) => item.pk)).toEqual([`SUPPRESS#${sha256(pat)}`]);

    // And the other way: Otto, who keeps a no, is erased; nothing of Otto stays under anyone else.
    const said = uniqueEmail('said');
    const ottos = await anActiveGoal(deps, { email: otto, locale: 'en', weeks: '3', buddyEmail: said });
    await releaseBuddy(deps, { owner: otto, goalId: ottos.id, buddy: said }, 'declined');
    await deleteEverything(deps, otto);
    expect(await naming(otto)).toEqual([]);
    expect((await naming(sha256(otto))).map((item) => item.pk)).toEqual([`SUPPRESS#${sha256(otto)}`]);
  });

  it('lets a buddy delete what Kompis knows about them from their page, with the same emailed step', async () => {
    const t = await aTable();
    const { table, deps, app } = t;
    const { kari, goal, page } = await aGoalWithKari(t);
    expect(await (await app.request(page)).text()).toContain('Delete what Kompis knows about me');
    expect((await app.request(`${page}/forget`, { method: 'POST', headers: form })).headers.get('location')).toBe(`${page}?sent=1`);
    const link = pathOf(linksIn((await outboxFor(kari)).at(-1)!, '/s/forget/')[0]!);
    expect(await (await app.request(link)).text()).toContain(`Delete what Kompis knows about ${kari}?`);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.buddy?.status).toBe('accepted');
    expect((await app.request(link, { method: 'POST', headers: form })).status).toBe(200);

    const left = await everything(table);
    expect(JSON.stringify(left)).not.toContain(kari);
    expect(left.filter((item) => JSON.stringify(item).includes(sha256(kari)))).toHaveLength(1);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.buddy).toBeUndefined();
    expect((await outboxFor(goal.owner)).map((e) => e.subject)).toContain('Kari is no longer your buddy');
  });

  it('tells the owner once that their buddy left, even when the first try could not email them', async () => {
    // Found by the attack round: the goal let the buddy go before the owner's email; when SES refused it, the
    // retry found the goal already released and the owner was never told.
    const t = await aTable();
    const { table, clock, deps, app } = t;
    const { kari, goal, page } = await aGoalWithKari(t);
    await app.request(`${page}/forget`, { method: 'POST', headers: form });
    const link = pathOf(linksIn((await outboxFor(kari)).at(-1)!, '/s/forget/')[0]!);
    const plan = { rate: 1, random: () => 0, commands: /SendRawEmail/, kinds: ['throttle' as const], budget: 3, injected: {} };
    const config = testConfig({ KOMPIS_TABLE: table });
    const faulty = depsWithFaults(config, clock, plan, new DynamoStore(createDynamoClient(config), table)).deps;
    expect((await createApp(faulty, { reportFailure: () => undefined }).request(link, { method: 'POST', headers: form })).status).toBe(503);
    expect((await app.request(link, { method: 'POST', headers: form })).status).toBe(200);
    expect((await outboxFor(goal.owner)).map((e) => e.subject).filter((s) => s === 'Kari is no longer your buddy')).toHaveLength(1);
    expect(JSON.stringify(await everything(table))).not.toContain(kari);
  });

  it('writes nothing new under an erased address: a sign-up with it by form or email, its old buddy page, a named buddy’s counters', async () => {
    // Found by the attack round: after "delete what Kompis knows about me", anyone could store the address
    // again — a sign-up (profile, pending goal and owner pointer for a week), and a click on the old buddy
    // page's language switch (a language item under the address, for good).
    const t = await aTable();
    const { table, deps, app } = t;
    const { kari, goal, page } = await aGoalWithKari(t);
    await app.request(`${page}/forget`, { method: 'POST', headers: form });
    expect((await app.request(pathOf(linksIn((await outboxFor(kari)).at(-1)!, '/s/forget/')[0]!), { method: 'POST', headers: form })).status).toBe(200);
    const sent = (await outboxFor(kari)).length;

    // A stranger writes a goal down with Kari's address and names Kari as a buddy; Kari's old page is clicked.
    const signup = await app.request('/goals', { method: 'POST', body: formBody(aSignupForm({ email: kari, locale: 'en' })), headers: form }, clientEnv());
    expect(signup.status).toBe(200);
    expect(await signup.text()).toContain('Check your inbox');
    const mail = await rawMail({ from: kari, to: `goal@${deps.config.inboundDomain}`, subject: 'My goal', text: 'Meet 2 Go developers every week for six weeks' });
    await handleInbound(deps, { messageId: crypto.randomUUID(), raw: mail, recipients: [`goal@${deps.config.inboundDomain}`], verdicts: LOCAL_VERDICTS });
    expect((await app.request(`${page}/lang`, { method: 'POST', body: 'lang=nb', headers: form })).status).toBe(303);
    expect((await app.request(`${page}/forget`, { method: 'POST', headers: form })).status).toBe(303);
    await nameBuddy(deps, goal.owner, goal.id, { email: kari, name: 'Kari' });

    // Only the owner's goal names Kari, as the owner typed it (so the goal page looks as for anyone); nothing
    // is keyed by the address, and Kari gets nothing.
    const naming = (await everything(table)).filter((item) => JSON.stringify(item).includes(kari));
    expect(naming.map((item) => `${item.pk} ${item.sk}`)).toEqual([`PERSON#${goal.owner} GOAL#${goal.id}`]);
    expect(await outboxFor(kari)).toHaveLength(sent);
  });

  // Found by the attack round: the link loaded its goal first and the goal item went first, so a try that
  // stopped after it made the same link a 404 page, and the rest (weeks with notes, owner pointer, buddy
  // links, counters) stayed for good.
  it.each([1, 5])('finishes from the same link when the first try stopped after %i deletions (DynamoDB failed on the next)', async (passing) => {
    const { table, clock, deps, app } = await aTable();
    const pat = uniqueEmail('pat');
    const goal = await anActiveGoal(deps, { email: pat, locale: 'en', weeks: '3', buddyEmail: uniqueEmail('nora') });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(pat, goal.id))!, 1, { count: 2, note: 'private note', source: 'click' });
    const goalPath = goalPagePath(deps.config, (await deps.store.getGoal(pat, goal.id))!, clock.now());
    await app.request(`${goalPath}/delete`, { method: 'POST', body: 'confirm=yes', headers: form });
    const link = pathOf(linksIn((await outboxFor(pat)).at(-1)!, '/s/delete/')[0]!);

    // The first DeleteItems go through; the next fails on every attempt the SDK makes.
    let deletes = 0;
    const plan = { rate: 1, random: () => (deletes++ < passing ? 1 : 0), commands: /^DeleteItem/, kinds: ['timeout' as const], budget: 3, injected: {} };
    const config = testConfig({ KOMPIS_TABLE: table });
    const faulty = depsWithFaults(config, clock, plan, new DynamoStore(createDynamoClient(config), table)).deps;
    expect((await createApp(faulty, { reportFailure: () => undefined }).request(link, { method: 'POST', headers: form })).status).toBe(503);
    expect(JSON.stringify(await everything(table))).toContain(pat);

    expect(await (await app.request(link)).text()).toContain(`Delete everything about ${pat}?`);
    expect((await app.request(link, { method: 'POST', headers: form })).status).toBe(200);
    const left = JSON.stringify(await everything(table));
    for (const gone of [pat, 'private note', goal.id]) expect(left).not.toContain(gone);
  });

  it('lets what a sign-up by someone else wrote expire with the unconfirmed goal: profile, owner pointer, buddy link', async () => {
    const { table, deps } = await aTable();
    const victim = uniqueEmail('victim');
    const named = uniqueEmail('named');
    const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: victim, locale: 'en', buddyEmail: named })));
    const items = (await everything(table)).filter((item) => JSON.stringify(item).includes(victim));
    expect(items.map((item) => `${String(item.pk).split('#')[0]}/${String(item.sk).split('#')[0]}`).sort()).toEqual(['BUDDY/GOAL', 'GOAL/OWNER', 'PERSON/GOAL', 'PERSON/PROFILE']);
    for (const item of items) expect(item.expiresAt, `${item.pk} ${item.sk}`).toBe(pending.expiresAt);
    // A second unconfirmed goal a day later keeps the profile as long as the newest one.
    deps.clock.set('2026-03-03T09:00:00Z');
    const later = await signUp(deps, signupFormSchema.parse(aSignupForm({ email: victim, locale: 'en' })));
    expect((await everything(table)).find((item) => item.pk === `PERSON#${victim}` && item.sk === 'PROFILE')?.expiresAt).toBe(later.expiresAt);

    // Confirmed, it is kept: nothing of it expires any more.
    await confirmGoal(deps, { owner: victim, goalId: pending.id });
    const kept = (await everything(table)).filter((item) => JSON.stringify(item).includes(victim) && !`${item.pk}${item.sk}`.includes(later.id) && !String(item.pk).startsWith('RATE#'));
    expect(kept.length).toBeGreaterThanOrEqual(4);
    for (const item of kept) expect(item.expiresAt, `${item.pk} ${item.sk}`).toBeUndefined();
  });

  it('exports everything the table holds about the person: goals, weeks, emails sent, goals followed as a buddy, refusals, counters', async () => {
    const table = await freshTable();
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, table) as Deps & { clock: FixedClock };
    const per = uniqueEmail('per');
    const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3', buddyName: 'Per', buddyEmail: per });
    await releaseBuddy(deps, { owner: goal.owner, goalId: goal.id, buddy: per }, 'declined');
    // The owner is also someone else's buddy.
    const other = await anActiveGoal(deps, { locale: 'en', buddyEmail: goal.owner });
    await acceptInvitation(deps, { owner: other.owner, goalId: other.id, buddy: goal.owner });
    // And said no to a third.
    const declined = await anActiveGoal(deps, { locale: 'en', buddyEmail: goal.owner });
    await releaseBuddy(deps, { owner: declined.owner, goalId: declined.id, buddy: goal.owner }, 'declined');
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, note: 'private note', source: 'click' });

    const app = createApp(deps);
    await app.request(`${goalPagePath(deps.config, goal, clock.now())}/export`, { method: 'POST', headers: form });
    const download = pathOf(linksIn((await outboxFor(goal.owner)).at(-1)!, '/s/export/')[0]!);
    const response = await app.request(download, { method: 'POST', headers: form });
    expect(response.headers.get('content-disposition')).toContain('kompis-export.json');
    const exported = await response.json();
    expect(exported).toMatchObject({
      person: { email: goal.owner },
      goals: [{ id: goal.id, pastBuddy: { name: 'Per', status: 'declined' }, answers: [{ week: 1, count: 2, note: 'private note' }] }],
      asBuddy: { goals: [{ owner: other.owner, goalId: other.id, status: 'accepted' }] },
      refusedBuddies: [{ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }],
      refusedOwners: [{ owner: declined.owner }],
    });
    const sent = exported.goals[0].emailsSent.map((e: { week: number; kind: string }) => `${e.week}:${e.kind}`);
    expect(sent).toEqual(expect.arrayContaining(['1:invite', '1:notice-declined', '1:checkin']));
    expect(exported.rateCounters).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'invite', count: 1 })]));
    // Nothing of the person's own items is missing: every item under their keys is in the export.
    const theirs = (await everything(table.KOMPIS_TABLE!)).filter((item) =>
      [`PERSON#${goal.owner}`, `GOAL#${goal.id}`, `BUDDY#${goal.owner}`].includes(String(item.pk)) || String(item.pk).endsWith(`#${sha256(goal.owner)}`),
    );
    const text = JSON.stringify(exported);
    for (const item of theirs) {
      const sk = String(item.sk);
      const shown = sk.startsWith('WEEK#') || sk.startsWith('GOAL#') ? String(item.updatedAt ?? item.id) : sk.startsWith('SENT#') ? sk.split('#')[2]! : sk.startsWith('REFUSED#') ? sk.slice(8) : sk.startsWith('OWNER#') ? sk.slice(6) : sk === 'OWNER' || sk === 'PROFILE' ? goal.owner : sk;
      expect(text, `${item.pk} ${sk}`).toContain(shown);
    }
  });
});
