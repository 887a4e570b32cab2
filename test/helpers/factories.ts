// Test factories with overrides: a valid sign-up form unless the test says otherwise.
import { uniqueEmail } from './deps.js';

export type FormFields = Record<string, string>;

export function aSignupForm(overrides: FormFields = {}): FormFields {
  return {
    email: uniqueEmail(),
    name: 'Ola Nordmann',
    goal: 'Få kontakt med minst 2 beslutningstakere innen økonomi hver uke',
    perWeek: '2',
    weeks: '13',
    buddyName: '',
    buddyEmail: '',
    locale: 'nb',
    timeZone: 'Europe/Oslo',
    weekday: '5',
    hour: '15',
    ...overrides,
  };
}

export function formBody(fields: FormFields | [string, string][]): URLSearchParams {
  return new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
}
