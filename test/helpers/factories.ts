// Test factories with overrides: a valid sign-up form unless the test says otherwise.
import type { Goal } from '../../functions/core/goal.js';
import type { WeekAnswer } from '../../functions/core/answers.js';
import { parseSigningKeys } from '../../functions/core/tokens/tokens.js';

// No vitest import here: the benchmarks use these factories outside the test runner.
/** A fresh address per test, so tests sharing the table and the outbox never see each other's data. */
export function uniqueEmail(label = 'owner'): string {
  return `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export type FormFields = Record<string, string>;

export function aSignupForm(overrides: FormFields = {}): FormFields {
  return {
    email: uniqueEmail(),
    name: 'Ola Nordmann',
    goal: 'Få kontakt med minst 2 beslutningstakere innen økonomi hver uke dette kvartalet',
    perWeek: '2',
    weeks: '13',
    buddyName: '',
    buddyEmail: '',
    locale: 'nb',
    timeZone: 'Europe/Oslo',
    weekday: '5',
    hour: '15',
    // Past the coaching nudge, which has tests of its own.
    acknowledged: '1',
    ...overrides,
  };
}

export function formBody(fields: FormFields | [string, string][]): URLSearchParams {
  return new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
}

/** An active goal in week 8 of 13, 2 a week, Fridays 15:00 Oslo — override what the test is about. */
export function aGoal(overrides: Partial<Goal> = {}): Goal {
  return {
    id: '01M8DJ1J0DXM1G8Q8TBPQJ0YS9',
    owner: 'ola@example.com',
    text: 'Få kontakt med minst 2 beslutningstakere innen økonomi hver uke',
    targetPerWeek: 2,
    weeks: 13,
    locale: 'nb',
    timeZone: 'Europe/Oslo',
    checkinWeekday: 5,
    checkinHour: 15,
    status: 'active',
    createdAt: '2026-03-02T09:00:00Z',
    firstCheckinDate: '2026-03-06',
    nextWeek: 8,
    nextCheckinAt: '2026-04-24T13:00:00.000Z',
    version: 9,
    ...overrides,
  };
}

export function anAnswer(week: number, count: number, extra: Partial<WeekAnswer> = {}): WeekAnswer {
  return { week, count, source: 'click', updatedAt: '2026-03-06T14:00:00Z', ...extra };
}

/** Core config for pure tests: links to an example host, one signing key. */
export const exampleConfig = {
  baseUrl: 'https://kompis.example.com',
  inboundDomain: 'in.kompis.example.com',
  keys: parseSigningKeys('k1:0123456789abcdef0123456789abcdef0123456789'),
};
