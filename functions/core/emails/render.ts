// Fills precompiled email templates (built from MJML by templates/build.ts): placeholder
// substitution with escaping, so no request pays for MJML. The module that builds an email imports its kind's
// compiled file (templates/compiled/emails/<kind>.js), which is how each bundle holds only what it sends.
import type { EmailName } from '../../../templates/compiled/emails.js';
import { compiledTemplate } from '../../../templates/compiled-registry.js';
import type { Locale } from '../i18n/messages.js';
import { escapeHtml } from '../../../templates/escape.js';

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

// Each template is split once, at first use, into literal text and placeholder names, so filling it is a
// single pass of concatenation: odd entries are names, "{name" marks a raw {{{slot}}}.
type Parts = string[];
const PLACEHOLDER = /\{\{(\{?\w+)\}?\}\}/;
const splitCache = new Map<string, Parts>();

function partsOf(template: string): Parts {
  let parts = splitCache.get(template);
  if (!parts) {
    parts = template.split(PLACEHOLDER);
    splitCache.set(template, parts);
  }
  return parts;
}

function fill(template: string, vars: Vars, escape: (v: string) => string, raw: Record<string, string> = {}): string {
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const isRaw = name.charCodeAt(0) === 123; // "{"
    const value = isRaw ? raw[name.slice(1)] : vars[name];
    if (value === undefined) throw new Error(`email placeholder ${isRaw ? `{{{${name.slice(1)}}}}` : `{{${name}}}`} has no value`);
    out += (isRaw ? String(value) : escape(String(value))) + parts[i + 1]!;
  }
  return out;
}

export function renderEmail(name: EmailName, locale: Locale, vars: Vars, slots: Slots = { html: {}, text: {} }): RenderedEmail {
  const template = compiledTemplate(name, locale);
  return {
    subject: fill(template.subject, vars, (v) => v.replace(/[\r\n]+/g, ' ')),
    html: fill(template.html, vars, escapeHtml, slots.html),
    text: fill(template.text, vars, (v) => v, slots.text),
  };
}
