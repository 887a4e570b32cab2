// Fills precompiled email templates (built from MJML by templates/build.ts): placeholder
// substitution with escaping, so no request pays for MJML.
import { compiledEmails, type EmailName } from '../../../templates/compiled/emails.js';
import type { Locale } from '../i18n/messages.js';
import { escapeHtml } from './escape.js';

export type { EmailName };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

type Vars = Record<string, string | number>;

function fill(template: string, vars: Vars, escape: (v: string) => string): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`email placeholder {{${name}}} has no value`);
    return escape(String(value));
  });
}

export function renderEmail(name: EmailName, locale: Locale, vars: Vars): RenderedEmail {
  const template = compiledEmails[name][locale];
  const subject = fill(template.subject, vars, (v) => v.replace(/[\r\n]+/g, ' '));
  return {
    subject,
    html: fill(template.html, vars, escapeHtml),
    text: fill(template.text, vars, (v) => v),
  };
}
