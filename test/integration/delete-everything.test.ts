// "Delete everything" from the goal page: afterwards the table holds nothing about the person but a
// hashed suppression entry, and nothing is ever sent to the address again.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { acceptInvitation, releaseBuddy } from '../../functions/core/buddy/invitations.js';
import { goalPagePath } from '../../functions/core/goals/links.js';
import type { Deps } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { outboxFor } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

async function everything(tableName: string): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'eu-north-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName })); // a test may look at the whole table
  client.destroy();
  return Items.map((item) => unmarshall(item));
}

describe('delete everything', () => {
  it('removes the person, goals, weeks, markers, buddy links and counters, keeping only a hashed suppression', async () => {
    const table = await freshTable();
    const clock = new FixedClock(new Date('2026-03-02T09:00:00Z'));
    const deps = testDeps(clock, table) as Deps & { clock: FixedClock };
    const buddy = uniqueEmail('kari');
    const goal = await anActiveGoal(deps, { locale: 'en', weeks: '3', buddyName: 'Kari', buddyEmail: buddy });
    await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, note: 'private note', source: 'click' });
    expect(JSON.stringify(await everything(table.KOMPIS_TABLE!))).toContain(goal.owner);

    const app = createApp(deps);
    const path = goalPagePath(deps.config, goal, clock.now());
    const post = (body: string) =>
      app.request(`${path}/delete`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL } });
    expect((await post('')).status).toBe(400);
    expect((await deps.store.getGoal(goal.owner, goal.id))?.status).toBe('active');

    const response = await post('confirm=yes');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Everything Kompis had about you is deleted');

    const left = await everything(table.KOMPIS_TABLE!);
    const text = JSON.stringify(left);
    expect(text).not.toContain(goal.owner);
    expect(text).not.toContain(goal.id);
    expect(text).not.toContain('private note');
    expect(left.filter((item) => String(item.pk).startsWith('SUPPRESS#'))).toHaveLength(1);

    const before = (await outboxFor(goal.owner)).length;
    await deps.mailer.send({ to: goal.owner, subject: 'x', html: 'x', text: 'x' });
    expect(await outboxFor(goal.owner)).toHaveLength(before);
    expect((await app.request(path)).status).toBe(404);
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
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T15:00:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, note: 'private note', source: 'click' });

    const app = createApp(deps);
    const response = await app.request(`${goalPagePath(deps.config, goal, clock.now())}/export`);
    expect(response.headers.get('content-disposition')).toContain('kompis-export.json');
    const exported = await response.json();
    expect(exported).toMatchObject({
      person: { email: goal.owner },
      goals: [{ id: goal.id, pastBuddy: { name: 'Per', status: 'declined' }, answers: [{ week: 1, count: 2, note: 'private note' }] }],
      asBuddy: { goals: [{ owner: other.owner, goalId: other.id, status: 'accepted' }] },
      refusedBuddies: [{ fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    const sent = exported.goals[0].emailsSent.map((e: { week: number; kind: string }) => `${e.week}:${e.kind}`);
    expect(sent).toEqual(expect.arrayContaining(['1:invite', '1:notice-declined', '1:checkin']));
    expect(exported.rateCounters).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'invite', count: 1 })]));
    // Nothing of the person's own items is missing: every item under their keys is in the export.
    const theirs = (await everything(table.KOMPIS_TABLE!)).filter((item) =>
      [`PERSON#${goal.owner}`, `GOAL#${goal.id}`, `BUDDY#${goal.owner}`].includes(String(item.pk)) || String(item.pk).endsWith(`#${goal.owner}`),
    );
    const text = JSON.stringify(exported);
    for (const item of theirs) {
      const sk = String(item.sk);
      const shown = sk.startsWith('WEEK#') || sk.startsWith('GOAL#') ? String(item.updatedAt ?? item.id) : sk.startsWith('SENT#') ? sk.split('#')[2]! : sk.startsWith('REFUSED#') ? sk.slice(8) : sk === 'OWNER' || sk === 'PROFILE' ? goal.owner : sk;
      expect(text, `${item.pk} ${sk}`).toContain(shown);
    }
  });
});
