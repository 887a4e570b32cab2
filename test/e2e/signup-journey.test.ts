// A new person's first journey in a real browser: the form, the outbox, the confirm link, the goal page.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveApp, type RunningApp } from '../../functions/local/serve.js';
import { freePort } from '../../functions/local/ports.js';
import { launchBrowser } from '../helpers/browser.js';
import { FixedClock, freshTable, TEST_SECRET, testDeps } from '../helpers/deps.js';
import { uniqueEmail } from '../helpers/factories.js';
import { anActiveGoal } from '../helpers/goals.js';
import { tickAt } from '../helpers/weekly.js';
import { goalPageUrl } from '../../functions/core/links/links.js';
import { recordAnswer } from '../../functions/core/weekly/record.js';
import { acceptInvitation } from '../../functions/core/buddy/invitations.js';
import type { Deps } from '../../functions/core/ports.js';
import { linksIn, outboxFor } from '../helpers/outbox.js';

const SCREENSHOTS = 'test-results/screenshots';
let browser: Browser;
let app: RunningApp;
let clock: FixedClock;
let table: Record<string, string>;
let deps: Deps & { clock: FixedClock };

/** `npx kompis tick --at`, run as a person would, against this test's app, table and outbox. */
async function kompisTick(at: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kompis-e2e-'));
  await writeFile(
    join(dataDir, 'local-stack.json'),
    JSON.stringify({ appUrl: app.url, dynamodbEndpoint: inject('dynamodbEndpoint'), sesEndpoint: inject('sesEndpoint'), tableName: table.KOMPIS_TABLE }),
  );
  const { stdout } = await promisify(execFile)('node', ['bin/kompis.js', 'tick', '--at', at], {
    env: { ...process.env, KOMPIS_DATA_DIR: dataDir, KOMPIS_SECRET: TEST_SECRET },
  });
  return stdout;
}

beforeAll(async () => {
  const port = await freePort();
  clock = new FixedClock(new Date('2026-03-02T09:00:00Z')); // a Monday
  table = await freshTable(); // the tick below must see this test's goals only
  deps = { ...testDeps(clock, { ...table, KOMPIS_BASE_URL: `http://127.0.0.1:${port}` }), clock };
  app = await serveApp(deps, port);
  browser = await launchBrowser();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('a new person in the browser', () => {
  it('lives the first week in bokmål: sign-up, confirm, buddy says yes, check-in, "2", buddy sees it and cheers', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 390, height: 844 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const email = uniqueEmail('ola');
    const buddy = uniqueEmail('kari');
    const h1 = (p: typeof page) => p.getByRole('heading', { level: 1 }).textContent();

    await page.goto(app.url);
    await expect(h1(page)).resolves.toBe('Skriv ned målet ditt');
    await page.getByLabel('E-postadressen din').fill(email);
    await page.getByLabel('Navnet ditt (valgfritt)').fill('Ola Nordmann');
    await page.getByLabel('Målet ditt, med dine egne ord').fill('Få kontakt med minst 2 økonomidirektører hver uke neste kvartal');
    await page.getByLabel('Hvor mange per uke').fill('2');
    await expect(page.getByLabel('I hvor mange uker').inputValue()).resolves.toBe('13');
    await page.getByLabel('Kompisens navn (valgfritt)').fill('Kari');
    await page.getByLabel('Kompisens e-post (valgfritt)').fill(buddy);
    await expect(page.getByLabel('Tidssone').inputValue()).resolves.toBe('Europe/Oslo');
    await expect(page.getByLabel('Dag for oppfølging').inputValue()).resolves.toBe('5');
    await expect(page.getByLabel('Klokkeslett for oppfølging').inputValue()).resolves.toBe('15');
    await page.screenshot({ path: `${SCREENSHOTS}/signup-nb.png`, fullPage: true });
    await page.getByRole('button', { name: 'Lagre målet mitt' }).click();
    await expect(h1(page)).resolves.toBe('Sjekk innboksen din');
    expect(await outboxFor(buddy)).toHaveLength(0); // nothing reaches the buddy before the owner confirms

    const [message] = await outboxFor(email);
    expect(message?.subject).toBe('Bekreft målet ditt');
    // The email opens in its own blank tab, as in a mail client: no page's CSP applies to it.
    const mail = await context.newPage();
    await mail.setContent(message!.body.html!);
    await mail.screenshot({ path: `${SCREENSHOTS}/confirm-email-nb.png`, fullPage: true });
    // The email's button opens a new tab, as it would from a webmail inbox.
    const [tab] = await Promise.all([context.waitForEvent('page'), mail.getByRole('link', { name: 'Bekreft målet mitt' }).click()]);
    await expect(h1(tab)).resolves.toBe('Bekreft målet ditt');
    await tab.getByRole('button', { name: 'Bekreft målet mitt' }).click();
    await expect(h1(tab)).resolves.toBe('Målet ditt');
    await expect(tab.getByTestId('status').textContent()).resolves.toBe('aktivt');
    await expect(tab.getByTestId('next-checkin').textContent()).resolves.toBe('fredag 6. mars 2026 kl. 15:00 (Europe/Oslo)');
    await tab.screenshot({ path: `${SCREENSHOTS}/goal-nb.png`, fullPage: true });

    // Ten minutes after confirming, the tick sends Kari's invitation; she opens it and says yes; Ola is told.
    expect(await outboxFor(buddy)).toHaveLength(0);
    expect(await kompisTick('2026-03-02T09:10:00Z')).toContain('1 due; sent 1');
    const [invitation] = await outboxFor(buddy);
    expect(invitation?.subject).toBe(`${email} vil gjerne ha deg som kompis`);
    const kari = await context.newPage();
    await kari.setContent(invitation!.body.html!);
    await kari.screenshot({ path: `${SCREENSHOTS}/invitation-nb.png`, fullPage: true });
    const [invitePage] = await Promise.all([context.waitForEvent('page'), kari.getByRole('link', { name: 'Ja, jeg blir kompis' }).click()]);
    await invitePage.getByRole('button', { name: 'Ja, jeg blir kompis' }).click();
    await expect(invitePage.locator('.notice').textContent()).resolves.toContain('Nå er du kompisen til Ola Nordmann');
    expect((await outboxFor(email)).map((m) => m.subject)).toContain('Kari er kompisen din');

    // Friday afternoon: the weekly check-in arrives; Ola clicks "2" a minute later.
    expect(await kompisTick('2026-03-06T14:00:00Z')).toContain('1 due; sent 1');
    const checkin = (await outboxFor(email)).find((m) => m.subject.startsWith('Uke 1'));
    expect(checkin?.subject).toBe('Uke 1 av 13: hvor mange ble det denne uka?');
    clock.set('2026-03-06T14:01:00Z');
    await mail.setContent(checkin!.body.html!);
    await mail.screenshot({ path: `${SCREENSHOTS}/checkin-email-nb.png`, fullPage: true });
    await mail.getByRole('link', { name: '2', exact: true }).click();
    await expect(h1(mail)).resolves.toBe('Registrere 2 for uke 1?');
    await expect(mail.getByLabel('Husk denne nettleseren: senere svar herfra registreres med en gang').isChecked()).resolves.toBe(true);
    await mail.getByRole('button', { name: 'Registrer 2' }).click();
    await expect(mail.getByTestId('recorded').textContent()).resolves.toContain('Registrert 2 for uke 1.');
    const [remembered] = (await context.cookies()).filter((c) => c.name === '__Host-kompis-remember');
    expect(remembered).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    await expect(mail.locator('svg[role=img] rect.bar-on').count()).resolves.toBe(1);
    await mail.screenshot({ path: `${SCREENSHOTS}/week-nb.png`, fullPage: true });

    // An hour after the answer, Kari's weekly email: 2 of 2 and the chart; she claps.
    expect(await kompisTick('2026-03-06T15:01:00Z')).toContain('1 due; sent 1');
    const weekly = (await outboxFor(buddy)).find((m) => m.subject.startsWith('Uke 1 av'));
    expect(weekly?.subject).toBe('Uke 1 av 13: 2 denne uka, målet nådd');
    expect(weekly?.from).toContain('Ola Nordmann via Kompis');
    expect(weekly?.body.text).toMatch(/Uke 1: 2 ✓/);
    await kari.setContent(weekly!.body.html!);
    await kari.screenshot({ path: `${SCREENSHOTS}/buddy-weekly-nb.png`, fullPage: true });
    await kari.getByRole('link', { name: '👏 Bra jobba' }).click();
    await kari.getByRole('button', { name: 'Send' }).click();
    await expect(kari.getByTestId('reaction-outcome').textContent()).resolves.toBe('Sendt. Ola Nordmann får den på e-post.');
    expect((await outboxFor(email)).map((m) => m.subject)).toContain('Kari: 👏 Bra jobba');
    await context.close();
  });

  it('adds a second supporter on the goal page at 375 px: the form, the emailed link, the invitation, the list (issue 20)', async () => {
    const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 375, height: 812 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    clock.set('2026-03-02T09:00:00Z');
    const kari = uniqueEmail('kari');
    const per = uniqueEmail('per');
    const goal = await anActiveGoal(deps, { locale: 'nb', name: 'Ola', weeks: '3', buddyName: 'Kari', buddyEmail: kari });
    await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy: kari });
    await page.goto(goalPageUrl(deps.config, goal, clock.now()));
    const panel = page.locator('#supporters');
    await panel.locator('summary').click();
    await panel.getByLabel('Støttespillerens navn (valgfritt)').fill('Per');
    await panel.getByLabel('Støttespillerens e-post').fill(per);
    await panel.getByRole('button', { name: 'Bekreft på e-post' }).click();
    await expect(page.locator('.notice').first().textContent()).resolves.toContain('Sjekk innboksen');
    const stepUp = linksIn((await outboxFor(goal.owner)).at(-1)!, '/s/buddy/')[0]!;
    await page.goto(stepUp);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Spørre Per om å følge målet ditt også?');
    await page.getByRole('button', { name: 'Send invitasjonen' }).click();
    await tickAt(deps, '2026-03-02T09:20:00Z');
    expect((await outboxFor(per)).map((m) => m.subject)).toEqual([`${goal.owner} vil gjerne ha deg som kompis`]);
    await page.goto(goalPageUrl(deps.config, goal, clock.now()));
    await expect(page.getByTestId('supporters').textContent()).resolves.toContain(`Per <${per}> — invitert, ikke svart ennå`);
    await page.screenshot({ path: `${SCREENSHOTS}/goal-supporters-nb.png`, fullPage: true });
    await context.close();
  }, 60_000);

  it('records at once in a browser remembered after one real click, under the page’s CSP; a fresh browser only waits', async () => {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Oslo' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const email = uniqueEmail('late');
    clock.set('2026-03-02T09:00:00Z');
    await page.goto(app.url);
    await page.getByLabel('Your email').fill(email);
    await page.getByLabel('Your goal, in your own words').fill('Meet 3 Go developers a week for 8 weeks');
    await page.getByLabel('How many per week').fill('3');
    await page.getByLabel('Language', { exact: true }).selectOption('en');
    await page.getByRole('button', { name: 'Save my goal' }).click();
    const confirm = linksIn((await outboxFor(email))[0]!, '/c/')[0]!;
    await page.goto(confirm);
    await page.getByRole('button', { name: 'Confirm my goal' }).click();

    await kompisTick('2026-03-13T14:00:00Z');
    const checkin = (await outboxFor(email)).find((m) => m.subject.startsWith('Week 1'))!;
    clock.set('2026-03-13T18:00:00Z'); // hours later, as a delayed sandbox would open it too
    const buttons = linksIn(checkin, '/r/');
    // A browser without the cookie (a scanner's sandbox, or the owner on another device) only waits.
    const stranger = await browser.newContext({ locale: 'en-GB' });
    const sandbox = await stranger.newPage();
    await sandbox.goto(buttons[1]!);
    await sandbox.waitForLoadState('networkidle');
    await expect(sandbox.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Record 1 for week 1?');
    await stranger.close();
    // The owner's first answer takes one real click; "remember this browser" is ticked by default.
    await page.goto(buttons[1]!);
    await page.getByRole('button', { name: 'Record 1' }).click();
    await expect(page.getByTestId('recorded').textContent()).resolves.toContain('Recorded 1 for week 1.');
    // Changing their mind from the same browser: recorded at once, by the page's own script under its CSP.
    await page.goto(buttons[3]!);
    await expect(page.getByTestId('recorded').textContent()).resolves.toContain('Recorded 3 for week 1.');
    // "4 or more" asks for the exact number, even in a remembered browser: 4 is filled in, 6 is typed.
    await page.goto(buttons[4]!);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('4 or more in week 1: how many exactly?');
    await expect(page.getByLabel('How many in week 1').inputValue()).resolves.toBe('4');
    await page.getByLabel('How many in week 1').fill('6');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await expect(page.getByTestId('recorded').textContent()).resolves.toContain('Recorded 6 for week 1.');
    await context.close();
  });

  it('fills the time zone from the browser and shows field errors in English without losing input', async () => {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'America/New_York' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app.url);
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('America/New_York');
    await page.getByLabel('Your email').fill('not-an-address');
    await page.getByLabel('Your goal, in your own words').fill('Meet 3 Go developers a week');
    await page.getByRole('button', { name: 'Save my goal' }).click();

    await expect(page.locator('#email-error').textContent()).resolves.toBe('Enter an email address like name@example.com.');
    await expect(page.getByLabel('Your goal, in your own words').inputValue()).resolves.toBe('Meet 3 Go developers a week');
    // The number field left empty was filled from the goal's own words.
    await expect(page.getByLabel('How many per week').inputValue()).resolves.toBe('3');
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('America/New_York');
    await page.screenshot({ path: `${SCREENSHOTS}/signup-errors-en.png`, fullPage: true });
    // The zone list narrows as one types in its search field, and the first match is chosen.
    await page.getByLabel('Search by city').fill('oslo');
    await expect(page.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/Oslo');
    await context.close();
  });

  it('gets back to every goal it owns and follows from a fresh browser with no emails at hand, within one email', async () => {
    const email = uniqueEmail('lost');
    await anActiveGoal(deps, { email, locale: 'en', goal: 'Meet 2 finance directors every week' });
    await anActiveGoal(deps, { email, locale: 'en', goal: 'Run 3 times a week', perWeek: '3' });
    const friend = await anActiveGoal(deps, { email: uniqueEmail('nina'), name: 'Nina', locale: 'en', goal: 'Write 5 pages a week', buddyEmail: email });
    await acceptInvitation(deps, { owner: friend.owner, goalId: friend.id, buddy: email });
    const before = (await outboxFor(email)).length;

    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('link', { name: 'Find my goals' }).click();
    await page.getByLabel('Your email').fill(email);
    await page.getByRole('button', { name: 'Email me my goals' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Check your inbox');
    await expect(page.locator('main').textContent()).resolves.toContain(email);

    const sent = (await outboxFor(email)).slice(before);
    expect(sent.map((m) => m.subject)).toEqual(['Your goals on Kompis']);
    const mail = await context.newPage();
    await mail.setContent(sent[0]!.body.html!);
    await mail.screenshot({ path: `${SCREENSHOTS}/my-goals-email-en.png`, fullPage: true });
    const [listing] = await Promise.all([context.waitForEvent('page'), mail.getByRole('link', { name: 'See all my goals' }).click()]);
    await expect(listing.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your goals');
    await expect(listing.getByTestId('listed-goal').count()).resolves.toBe(3);
    await expect(listing.getByText('The goal of Nina').count()).resolves.toBe(1);
    await listing.screenshot({ path: `${SCREENSHOTS}/my-goals-en.png`, fullPage: true });
    await listing.getByTestId('listed-goal').filter({ hasText: 'Run 3 times a week' }).getByRole('link', { name: 'Open the goal page' }).click();
    await expect(listing.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your goal');
    await expect(listing.locator('main').textContent()).resolves.toContain('Run 3 times a week');
    await context.close();
  });

  it('catches a typo in an address before anything is sent, with script and without', async () => {
    const name = `typo-${crypto.randomUUID().slice(0, 8)}`;
    // With script: the hint appears when the field is left, and "Use …" puts the suggestion in.
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Oslo' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=en`);
    await page.getByLabel('Your email').fill(`${name}@gmial.com`);
    await page.getByLabel('Your email').press('Tab');
    await page.locator('#email-typo').getByText(`Did you mean ${name}@gmail.com?`).waitFor();
    await page.getByRole('button', { name: `Use ${name}@gmail.com` }).click();
    await expect(page.getByLabel('Your email').inputValue()).resolves.toBe(`${name}@gmail.com`);
    await page.getByLabel('Buddy’s email (optional)').fill(`kari-${name}@yaho.com`);
    await page.getByLabel('Buddy’s email (optional)').press('Tab');
    await page.getByRole('button', { name: `Use kari-${name}@yahoo.com` }).click();
    await page.getByLabel('Your goal, in your own words').fill('Meet 3 Go developers a week for 8 weeks');
    await page.getByLabel('How many per week').fill('3');
    await page.getByRole('button', { name: 'Save my goal' }).click();
    await expect(page.getByTestId('sent-to').textContent()).resolves.toBe(`The email went to ${name}@gmail.com.`);
    expect(await outboxFor(`${name}@gmail.com`)).toHaveLength(1);
    await context.close();

    // Without script: the server asks, nothing is sent until the person chooses.
    const plain = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    plain.setDefaultTimeout(10_000);
    const form = await plain.newPage();
    await form.goto(`${app.url}/?lang=en`);
    // Without script, the zone is the server's guess from the language (en-GB: London), and no search field shows.
    await expect(form.getByLabel('Time zone').inputValue()).resolves.toBe('Europe/London');
    await expect(form.getByLabel('Search by city').isVisible()).resolves.toBe(false);
    await form.getByLabel('Your email').fill(`${name}@outlok.com`);
    await form.getByLabel('Your goal, in your own words').fill('Meet 3 Go developers a week for 8 weeks');
    await form.getByLabel('How many per week').fill('3');
    await form.getByRole('button', { name: 'Save my goal' }).click();
    await expect(form.getByTestId('email-typo').textContent()).resolves.toContain(`Did you mean ${name}@outlook.com?`);
    expect(await outboxFor(`${name}@outlok.com`)).toHaveLength(0);
    await form.screenshot({ path: `${SCREENSHOTS}/signup-typo-en.png`, fullPage: true });
    await form.getByRole('button', { name: `Use ${name}@outlook.com` }).click();
    await expect(form.getByTestId('sent-to').textContent()).resolves.toBe(`The email went to ${name}@outlook.com.`);
    expect(await outboxFor(`${name}@outlook.com`)).toHaveLength(1);
    // "Wrong address? Start again": the form comes back filled in.
    await form.getByRole('link', { name: 'Wrong address? Start again' }).click();
    await expect(form.getByLabel('Your email').inputValue()).resolves.toBe(`${name}@outlook.com`);
    await expect(form.getByLabel('Your goal, in your own words').inputValue()).resolves.toBe('Meet 3 Go developers a week for 8 weeks');
    await plain.close();
  });

  it('changes the goal’s number on the goal page, sees the week it starts, and the buddy is told', async () => {
    clock.set('2026-05-04T09:00:00Z'); // a Monday
    const buddy = uniqueEmail('kari');
    const goal = await anActiveGoal(deps, { locale: 'en', name: 'Ola', goal: 'Meet 2 customers every week for 6 weeks', perWeek: '2', weeks: '6', buddyName: 'Kari', buddyEmail: buddy });
    await acceptInvitation(deps, { owner: goal.owner, goalId: goal.id, buddy });
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Oslo' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(goalPageUrl(deps.config, goal, clock.now()));
    await page.locator('details#change > summary').click();
    await expect(page.locator('#change-hint').textContent()).resolves.toContain('A change applies from week 2');
    await page.getByLabel('How many per week').fill('3');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Changed, from week 2: 3 a week for 6 weeks.');
    await expect(page.getByTestId('changes').textContent()).resolves.toContain('From week 2: 3 a week (was 2).');
    await expect(page.getByTestId('commitment').textContent()).resolves.toMatch(/^I will meet 3 customers every week until /);
    await page.screenshot({ path: `${SCREENSHOTS}/goal-changed-en.png`, fullPage: true });
    await context.close();

    // Week 1 keeps its 2; Kari's weekly email for it says what changes from week 2.
    await tickAt(deps, '2026-05-08T13:05:00Z');
    clock.set('2026-05-08T13:30:00Z');
    await recordAnswer(deps, (await deps.store.getGoal(goal.owner, goal.id))!, 1, { count: 2, source: 'click' });
    await tickAt(deps, '2026-05-08T14:45:00Z');
    const [weekly] = (await outboxFor(buddy)).filter((m) => m.subject.startsWith('Week 1 of 6'));
    expect(weekly?.subject).toBe('Week 1 of 6: 2 this week, target reached');
    expect(weekly?.body.text).toContain('Ola changed the goal from 2 to 3 a week, from week 2.');
  });
});
