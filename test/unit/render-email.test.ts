import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../functions/core/emails/render.js';
import '../../templates/compiled/emails/confirm-goal.js';

const vars = {
  goalText: 'Meet <b>2</b> "CFOs" & friends',
  perWeek: 2,
  weeks: 13,
  schedule: 'Friday at 15:00 (Europe/Oslo)',
  buddyLine: 'No buddy named.',
  confirmUrl: 'https://kompis.example.com/c/abc.def?x=1&y=2',
  neverUrl: 'https://kompis.example.com/n/ghi.jkl?lang=en',
  findUrl: 'https://kompis.example.com/find?lang=en',
};

describe('confirmation email', () => {
  it('escapes every value in the HTML and keeps it as written in the text part', () => {
    const email = renderEmail('confirm-goal', 'en', vars);
    expect(email.html).toContain('Meet &lt;b&gt;2&lt;/b&gt; &quot;CFOs&quot; &amp; friends');
    expect(email.html).not.toContain('<b>2</b>');
    expect(email.html).toContain('href="https://kompis.example.com/c/abc.def?x=1&amp;y=2"');
    expect(email.text).toContain('"Meet <b>2</b> "CFOs" & friends"');
    expect(email.text).toContain('https://kompis.example.com/c/abc.def?x=1&y=2');
  });

  it('is written in the owner’s language, with the lang attribute set', () => {
    const nb = renderEmail('confirm-goal', 'nb', vars);
    expect(nb.subject).toBe('Bekreft målet ditt');
    expect(nb.html).toContain('<html lang="nb"');
    expect(nb.text).toContain('2 per uke i 13 uker');
    const en = renderEmail('confirm-goal', 'en', vars);
    expect(en.subject).toBe('Confirm your goal');
    expect(en.html).toContain('<html lang="en"');
  });

  it('leaves no placeholder unfilled and stays under 100 KB', () => {
    for (const locale of ['nb', 'en'] as const) {
      const email = renderEmail('confirm-goal', locale, vars);
      expect(`${email.subject}${email.html}${email.text}`).not.toMatch(/\{\{[\w:.]+\}\}/);
      expect(Buffer.byteLength(email.html)).toBeLessThan(100 * 1024);
    }
  });

  it('refuses to send with a placeholder missing', () => {
    const { confirmUrl: _omitted, ...partial } = vars;
    expect(() => renderEmail('confirm-goal', 'en', partial)).toThrow(/confirmUrl/);
  });
});
