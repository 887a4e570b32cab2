// Where the compiled emails (templates/compiled/emails/<kind>.ts, written by templates/build.ts) put themselves
// when imported. Each module that builds an email imports its kind's file, so a Lambda bundle carries only the
// kinds its code sends (a check-in's HTML is no part of the web function's cold start). A kind is compiled once,
// its catalog text left as {{t:key}}: the text of a language goes in on the first email of that kind in that
// language (the catalogs are loaded anyway), which halves what a bundle carries against one copy per language.
import { escapeHtml } from './escape.js';
import { catalogs, type Locale, type MessageKey } from './messages/index.js';

export interface CompiledEmail {
  subject: string;
  html: string;
  text: string;
}

/** A kind as the build writes it: MJML compiled, catalog text still to put in. */
export interface CompiledKind {
  subjectKey: string;
  html: string;
  text: string;
}

const loaded = new Map<string, CompiledKind>();
const filled = new Map<string, CompiledEmail>();

/** Puts a language's catalog text in for each {{t:key}} ({{t:lang}} is the language's tag). */
export function putCatalogText(source: string, locale: Locale, escape: (v: string) => string, file: string): string {
  const messages: Record<MessageKey, string> = catalogs[locale];
  return source.replace(/\{\{t:([\w.]+)\}\}/g, (_, key: string) => {
    if (key === 'lang') return locale;
    const text = messages[key as MessageKey];
    if (text === undefined) throw new Error(`${file}: unknown message key ${key}`);
    return escape(text);
  });
}

/** The kind's texts in one language, as they go out before the placeholders are filled. */
export function inLanguage(kind: CompiledKind, locale: Locale, name: string): CompiledEmail {
  const subject = catalogs[locale][kind.subjectKey as MessageKey];
  if (subject === undefined) throw new Error(`${name}: unknown subject key ${kind.subjectKey}`);
  return { subject, html: putCatalogText(kind.html, locale, escapeHtml, `${name}.mjml`), text: putCatalogText(kind.text, locale, (v) => v, `${name}.txt`) };
}

/** Called by each generated module. */
export function registerCompiled<T extends CompiledKind>(name: string, kind: T): T {
  loaded.set(name, kind);
  return kind;
}

export function compiledTemplate(name: string, locale: string): CompiledEmail {
  const key = `${name} ${locale}`;
  let email = filled.get(key);
  if (!email) {
    const kind = loaded.get(name);
    if (!kind) throw new Error(`email ${name} is not loaded: import templates/compiled/emails/${name}.js in the module that builds it`);
    if (!(locale in catalogs)) throw new Error(`email ${name} has no ${locale} version`);
    email = inLanguage(kind, locale as Locale, name);
    filled.set(key, email);
  }
  return email;
}
