// Where the compiled emails (templates/compiled/emails/<kind>.ts, written by templates/build.ts) put themselves
// when imported. Each module that builds an email imports its kind's file, so a Lambda bundle carries only the
// kinds its code sends (a check-in's HTML is no part of the web function's cold start).
export interface CompiledEmail {
  subject: string;
  html: string;
  text: string;
}

type ByLocale = Record<string, CompiledEmail>;

const loaded = new Map<string, ByLocale>();

/** Called by each generated module; the object is kept as is (a test may add a language to it). */
export function registerCompiled<T extends ByLocale>(name: string, byLocale: T): T {
  loaded.set(name, byLocale);
  return byLocale;
}

export function compiledTemplate(name: string, locale: string): CompiledEmail {
  const byLocale = loaded.get(name);
  if (!byLocale) throw new Error(`email ${name} is not loaded: import templates/compiled/emails/${name}.js in the module that builds it`);
  const template = byLocale[locale];
  if (!template) throw new Error(`email ${name} has no ${locale} version`);
  return template;
}
