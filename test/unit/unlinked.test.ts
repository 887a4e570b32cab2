// Text a stranger typed, shown to someone else: what a mail client would make a link becomes plain text,
// and a name may hold no address at all. linkify-it (markdown-it's linkifier) stands in for the clients.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asShownToOthers, containsLink, unlinked } from '../../functions/core/emails/unlinked.js';
import { displayName, signupFormSchema } from '../../functions/core/forms/signup-form.js';
import { aSignupForm } from '../helpers/factories.js';

const links = [
  'https://evil.com/login?next=%2F',
  'http://192.168.1.10/admin',
  'www.paypal.com-secure.ru',
  'bit.ly/3xYz',
  'ølstua.no',
  'xn--pypal-4ve.com/reset',
  'help@evil.com',
  'evil．com', // a fullwidth dot, which IDNA reads as a dot
  'evil。no',
  '//evil.com/x',
];

describe('links in text shown to others', () => {
  it.each(links)('makes %s plain text, and keeps the words around it', (link) => {
    const text = `Meet 2 people a week, see ${link} for more`;
    expect(containsLink(text)).toBe(true);
    const shown = unlinked(text);
    expect(containsLink(shown)).toBe(false);
    expect(shown).toMatch(/^Meet 2 people a week, see .+ for more$/);
  });

  it('leaves text without a link exactly as it was', () => {
    for (const text of ['Møte 2 økonomisjefer i uka', 'Dr. Jones & J.R.R. Tolkien', 'v1.2 of the plan, e.g. at the expo', 'Ole.Brumm']) {
      expect(unlinked(text)).toBe(text);
    }
  });

  it('reads again when a plain part joins its neighbours into a new link (found by the property below)', () => {
    const text = 'help@evil.com.https://evil.com/login?next=%2F';
    expect(containsLink(unlinked(text)), unlinked(text)).toBe(false);
  });

  it('leaves no link in any text, whatever it holds', () => {
    const part = fc.constantFrom(...links, ' ', 'word', '.', '@', '://', 'www', 'com', 'no', '/', 'æøå', '.com');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
        expect(containsLink(unlinked(parts.join(''))), parts.join('')).toBe(false);
      }),
    );
  });

  it('shows a goal to others with its text, commitment and owner name unlinked', () => {
    const goal = { text: 'See evil.com', commitment: 'I will see evil.com', ownerName: 'Ola' };
    expect(asShownToOthers(goal)).toEqual({ text: 'See evil[.]com', commitment: 'I will see evil[.]com', ownerName: 'Ola' });
  });
});

describe('names', () => {
  it('refuse web and email addresses', () => {
    for (const name of ['Ola www.evil.com', 'ola@evil.com', 'https://x.no', 'Kari evil．com']) {
      const result = signupFormSchema.safeParse(aSignupForm({ name }));
      expect(result.success, name).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['name'], message: 'errors.name.link' });
      expect(signupFormSchema.safeParse(aSignupForm({ buddyName: name, buddyEmail: 'kari@example.com' })).success).toBe(false);
    }
    for (const name of ['Ola Nordmann', 'Dr. Jones', 'J.R.R. Tolkien', 'Anne-Marie St.Clair']) expect(signupFormSchema.safeParse(aSignupForm({ name })).success, name).toBe(true);
  });

  it('from an email’s From or Cc are left out when they hold an address, and tidied otherwise', () => {
    expect(displayName('ola@example.com')).toBe('');
    expect(displayName('Ola (www.evil.com)')).toBe('');
    expect(displayName('Ola\r\n<b>Nordmann</b>')).toBe('Ola   b Nordmann /b ');
  });
});
