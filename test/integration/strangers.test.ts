// Kompis must not be a megaphone for strangers: nothing a person typed is in a Subject that reaches anyone
// else, links in their words reach others as plain text, invitations wait ten minutes after the goal is
// confirmed and go through the tick, and hourly ceilings hold however many addresses are used.
import { describe, expect, it } from 'vitest';
import { acceptInvitation, INVITE_AFTER_CONFIRM_MINUTES } from '../../functions/core/buddy/invitations.js';
import { LimitReached } from '../../functions/core/errors.js';
import { signUp } from '../../functions/core/goals/sign-up.js';
import { signupFormSchema } from '../../functions/core/forms/signup-form.js';
import type { Deps, Metrics } from '../../functions/core/ports.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { createApp } from '../../functions/http/app.js';
import { FixedClock, freshTable, TEST_BASE_URL, testDeps } from '../helpers/deps.js';
import { aSignupForm, uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { linksIn, outboxFor, type OutboxEmail } from '../helpers/outbox.js';
import { tickAt } from '../helpers/weekly.js';

const MONDAY = '2026-03-02T09:00:00Z';
const after = (minutes: number) => new Date(Date.parse(MONDAY) + minutes * 60_000).toISOString();

async function setup(env: Record<string, string> = {}) {
  const clock = new FixedClock(new Date(MONDAY));
  const counted: { name: string; dimensions: Record<string, string> }[] = [];
  const metrics: Metrics = { count: (name, dimensions) => void counted.push({ name, dimensions }) };
  const deps = { ...testDeps(clock, { ...(await freshTable()), ...env }), metrics } as Deps & { clock: FixedClock };
  return { clock, deps, counted, app: createApp(deps) };
}

const PHISH = 'Meet 2 finance people a week — log in at https://evil.com/login or www.phish.no, write to help@evil.com';

/** The owner's words as they would show up live: none of these may reach a third party. */
const live = ['https://evil.com', 'evil.com/login', 'www.phish.no', 'help@evil.com'];

describe('what reaches people other than the owner', () => {
  it('has no owner-written text in any Subject: the invitation names the owner’s confirmed address', async () => {
    const { clock, deps } = await setup();
    const buddy = uniqueEmail('kari');
    const goal = await anActiveGoal(deps, { locale: 'en', name: 'Ola Nordmann', weeks: '1', goal: 'Meet Zebulon people twice a week', buddyName: 'Kari Quux', buddyEmail: buddy });
    await tickAt(deps, '2026-03-05T09:11:00Z'); // the reminder
    await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    clock.set('2026-03-06T14:30:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, source: 'click' });
    await tickAt(deps, '2026-03-06T15:30:00Z'); // the weekly report
    await tickAt(deps, '2026-03-08T15:00:00Z'); // the final reports
    const subjects = (await outboxFor(buddy)).map((e) => e.subject);
    expect(subjects).toEqual([
      `${goal.owner} asks you to be their buddy`,
      `Reminder: ${goal.owner} asks you to be their buddy`,
      'Week 1 of 1: 2 this week, target reached',
      'Goal reached: 2 in 1 week',
    ]);
    for (const subject of subjects) for (const typed of ['Ola', 'Nordmann', 'Zebulon', 'Kari', 'Quux']) expect(subject).not.toContain(typed);
  });

  it('shows links in the owner’s words as plain text to a buddy and to whoever gets the confirmation email', async () => {
    const { deps, app } = await setup();
    const buddy = uniqueEmail('kari');
    const goal = await anActiveGoal(deps, { locale: 'en', goal: PHISH, perWeek: '2', weeks: '1', buddyEmail: buddy });
    await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy });
    await tickAt(deps, '2026-03-06T14:00:00Z');
    await tickAt(deps, '2026-03-08T15:00:00Z'); // no answer: the buddy's weekly email
    await tickAt(deps, '2026-03-08T15:15:00Z'); // then both final reports
    const toOthers = [...(await outboxFor(buddy)), (await outboxFor(goal.owner))[0]!];
    expect(toOthers.length).toBeGreaterThanOrEqual(4);
    const shown = (email: OutboxEmail) => `${email.body.html}\n${email.body.text}`;
    for (const email of toOthers) {
      for (const link of live) expect(shown(email), `${email.subject}: ${link}`).not.toContain(link);
      expect(shown(email)).toContain('https[:]//evil[.]com/login');
      expect(shown(email)).toContain('help[@]evil[.]com');
    }
    // The buddy's pages, and the confirm page, the same.
    const invitation = new URL(linksIn((await outboxFor(buddy))[0]!, '/i/')[0]!).pathname;
    const pages = [await (await app.request(invitation)).text()];
    const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale: 'en', goal: PHISH, perWeek: '2' })));
    pages.push(await (await app.request(new URL(linksIn((await outboxFor(pending.owner))[0]!, '/c/')[0]!).pathname)).text());
    for (const html of pages) for (const link of live) expect(html).not.toContain(link);
    // The owner's own check-in shows the goal as they wrote it.
    expect((await outboxFor(goal.owner)).find((e) => e.subject.startsWith('Week 1'))!.body.text).toContain(PHISH);
  });

  it('refuses web and email addresses in names, next to the field', async () => {
    const { app } = await setup();
    for (const name of ['Ola www.evil.com', 'https://x.example', 'ola@evil.com', 'Kari evil.no', 'Kari evil．com']) {
      const response = await app.request('/goals', {
        method: 'POST',
        body: new URLSearchParams(aSignupForm({ locale: 'en', name })),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_BASE_URL },
      });
      expect(response.status, name).toBe(400);
      expect(await response.text()).toContain('A name cannot contain a web or email address.');
    }
  });
});

describe('invitations', () => {
  it('go out through the tick no sooner than ten minutes after the goal was confirmed, once, as the confirm page said', async () => {
    const { deps, app } = await setup();
    const buddy = uniqueEmail('kari');
    const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale: 'en', buddyName: 'Kari', buddyEmail: buddy })));
    const confirmation = (await outboxFor(pending.owner))[0]!;
    const preview = `When you confirm, Kompis asks Kari (${buddy}) to be your buddy. Ten minutes later they get one email with the subject “${pending.owner} asks you to be their buddy”`;
    expect(confirmation.body.text).toContain(preview);
    const confirmPath = new URL(linksIn(confirmation, '/c/')[0]!).pathname;
    expect(await (await app.request(confirmPath)).text()).toContain(preview);

    await app.request(confirmPath, { method: 'POST', headers: { origin: TEST_BASE_URL } });
    expect(await outboxFor(buddy)).toEqual([]);
    expect((await tickAt(deps, after(INVITE_AFTER_CONFIRM_MINUTES - 1))).enqueued).toBe(0);
    expect(await outboxFor(buddy)).toEqual([]);
    const sent = await tickAt(deps, after(INVITE_AFTER_CONFIRM_MINUTES));
    expect(sent.outcomes.sent).toBe(1);
    await tickAt(deps, after(INVITE_AFTER_CONFIRM_MINUTES + 1)); // a late duplicate finds the marker
    expect(await outboxFor(buddy)).toHaveLength(1);
    expect((await deps.store.exportPerson(pending.owner)).goals[0]!.emailsSent).toContainEqual(expect.objectContaining({ week: 1, kind: 'invite', state: 'sent' }));
  });
});

describe('hourly ceilings', () => {
  it('stop confirmation emails service-wide and per owner domain, with a clear page and the CeilingReached metric', async () => {
    const { deps, counted } = await setup({ KOMPIS_CONFIRMATIONS_PER_HOUR: '3', KOMPIS_PER_DOMAIN_PER_HOUR: '2' });
    const form = (email: string) => signupFormSchema.parse(aSignupForm({ email, locale: 'en' }));
    const domain = `d${crypto.randomUUID().slice(0, 6)}.example`;
    await signUp(deps, form(`a@${domain}`));
    await signUp(deps, form(`b@${domain}`));
    await expect(signUp(deps, form(`c@${domain}`))).rejects.toBeInstanceOf(LimitReached);
    expect(counted).toEqual([{ name: 'CeilingReached', dimensions: { kind: 'confirmation', scope: 'domain' } }]);
    expect(await outboxFor(`c@${domain}`)).toEqual([]);
    // Another domain: allowed until the service-wide ceiling (3 sent, counting the one refused above).
    await expect(signUp(deps, form(uniqueEmail('x')))).rejects.toBeInstanceOf(LimitReached);
    expect(counted.at(-1)).toEqual({ name: 'CeilingReached', dimensions: { kind: 'confirmation', scope: 'service' } });
    deps.clock.set(after(60)); // the next hour
    await signUp(deps, form(uniqueEmail('y')));
  });

  it('put invitations off to the next hour once reached, and send them then', async () => {
    const { deps, counted } = await setup({ KOMPIS_INVITATIONS_PER_HOUR: '1' });
    const [first, second] = [uniqueEmail('b1'), uniqueEmail('b2')];
    await anActiveGoal(deps, { locale: 'en', buddyEmail: first });
    const late = await anActiveGoal(deps, { locale: 'en', buddyEmail: second });
    expect(await outboxFor(first)).toHaveLength(1);
    expect(await outboxFor(second)).toEqual([]);
    expect(counted).toContainEqual({ name: 'CeilingReached', dimensions: { kind: 'invitation', scope: 'service' } });
    const waiting = (await deps.store.getGoal(late.owner, late.id))!;
    expect(waiting.buddy).toMatchObject({ status: 'not-invited', inviteAt: '2026-03-02T10:00:00.000Z' });
    await tickAt(deps, '2026-03-02T10:00:00Z');
    expect(await outboxFor(second)).toHaveLength(1);
  });
});

describe('the confirmation', () => {
  it('says when no buddy is named', async () => {
    const { deps } = await setup();
    const pending = await signUp(deps, signupFormSchema.parse(aSignupForm({ locale: 'nb' })));
    expect((await outboxFor(pending.owner))[0]!.body.text).toContain('Ingen kompis er oppgitt');
  });
});
