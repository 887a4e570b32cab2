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

/** Pre-built parts for the raw {{{slots}}} of a template: one version for HTML, one for text. */
export interface Slots {
  html: Record<string, string>;
  text: Record<string, string>;
}

function fill(template: string, vars: Vars, escape: (v: string) => string, raw: Record<string, string> = {}): string {
  return template.replace(/\{\{(\{?)(\w+)\}?\}\}/g, (whole, brace: string, name: string) => {
    const value = brace ? raw[name] : vars[name];
    if (value === undefined) throw new Error(`email placeholder ${whole} has no value`);
    return brace ? String(value) : escape(String(value));
  });
}

export function renderEmail(name: EmailName, locale: Locale, vars: Vars, slots: Slots = { html: {}, text: {} }): RenderedEmail {
  const template = compiledEmails[name][locale];
  return {
    subject: fill(template.subject, vars, (v) => v.replace(/[\r\n]+/g, ' ')),
    html: fill(template.html, vars, escapeHtml, slots.html),
    text: fill(template.text, vars, (v) => v, slots.text),
  };
}
