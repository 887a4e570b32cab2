import { describe, expect, it } from 'vitest';
import { fieldErrors, signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { aSignupForm } from '../helpers/factories.js';

function errorsFor(overrides: Record<string, unknown>) {
  const result = signupFormSchema.safeParse({ ...aSignupForm(), ...overrides });
  return result.success ? {} : fieldErrors(result.error);
}

describe('sign-up form rules', () => {
  it('accepts a complete form and gives typed, lower-cased values', () => {
    const result = signupFormSchema.parse(aSignupForm({ email: ' Ola@Example.COM ', buddyEmail: 'Kari@Example.com' }));
    expect(result).toMatchObject({ email: 'ola@example.com', buddyEmail: 'kari@example.com', perWeek: 2, weeks: 13, weekday: 5, hour: 15 });
  });

  it('treats empty optional fields as absent', () => {
    const result = signupFormSchema.parse(aSignupForm({ name: '  ', buddyName: '', buddyEmail: '' }));
    expect(result.name).toBeUndefined();
    expect(result.buddyEmail).toBeUndefined();
  });

  it.each([
    ['email', 'not-an-email', 'errors.email.invalid'],
    ['email', '', 'errors.email.invalid'],
    ['goal', '   ', 'errors.goal.required'],
    ['goal', 'x'.repeat(501), 'errors.goal.tooLong'],
    ['goal', 'Meet <script>alert(1)</script> people', 'errors.text.markup'],
    ['goal', 'Meet <b>two</b> people', 'errors.text.markup'],
    ['name', 'Ola\r\nBcc: victim@example.com', 'errors.text.lineBreak'],
    ['name', 'x'.repeat(101), 'errors.name.tooLong'],
    ['buddyName', '<img src=x onerror=alert(1)>', 'errors.text.markup'],
    ['perWeek', 'two', 'errors.perWeek.invalid'],
    ['perWeek', '0', 'errors.perWeek.invalid'],
    ['perWeek', '101', 'errors.perWeek.invalid'],
    ['perWeek', '2.5', 'errors.perWeek.invalid'],
    ['weeks', '0', 'errors.weeks.invalid'],
    ['weeks', '53', 'errors.weeks.invalid'],
    ['timeZone', 'Europe/Atlantis', 'errors.timeZone.invalid'],
    ['timeZone', '<script>', 'errors.timeZone.invalid'],
    ['locale', 'de', 'errors.locale.invalid'],
    ['weekday', '8', 'errors.weekday.invalid'],
    ['hour', '24', 'errors.hour.invalid'],
    ['buddyEmail', 'kari@', 'errors.buddyEmail.invalid'],
  ])('refuses %s = %j with %s', (field, value, message) => {
    expect(errorsFor({ [field]: value })[field as 'email']).toBe(message);
  });

  it('allows a lone "<" as in "<3" or "a < b"', () => {
    expect(errorsFor({ goal: 'Meet 2 people a week <3, at least 1 < 2' })).toEqual({});
  });

  it('refuses a buddy with the owner’s own address', () => {
    expect(errorsFor({ email: 'ola@example.com', buddyEmail: 'OLA@example.com' }).buddyEmail).toBe('errors.buddyEmail.self');
  });

  it('refuses a buddy name without a buddy address', () => {
    expect(errorsFor({ buddyName: 'Kari', buddyEmail: '' }).buddyEmail).toBe('errors.buddyName.withoutEmail');
  });

  it('refuses a field sent twice', () => {
    expect(errorsFor({ email: ['a@example.com', 'b@example.com'] }).email).toBe('errors.email.invalid');
  });
});

describe('an encoded-word in a name (attack r3 F12)', () => {
  it('is refused in a typed name and left out of a name read from an email', async () => {
    const { nameField, displayName } = await import('../../functions/core/forms/signup-form.js');
    expect(nameField().safeParse('=?utf-8?b?R28gd3d3LmV2aWwuZXhhbXBsZQ==?=').success).toBe(false);
    expect(nameField().safeParse('Ola =?iso-8859-1?q?x?= Nordmann').success).toBe(false);
    expect(nameField().safeParse('Ola? = Nordmann').success).toBe(true);
    expect(displayName('=?utf-8?b?R28=?=')).toBe('');
  });
});
