// Compiles the MJML emails once per language into templates/compiled/emails/<kind>.ts: catalog text
// ({{t:key}}) is put in here, escaped; {{placeholders}} stay for the runtime to fill. Lambdas never import mjml.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inLanguage, type CompiledKind } from './compiled-registry.js';
import { colour } from './palette.js';
import { emailManifest } from './emails/manifest.js';
import { locales, type Locale, type MessageKey } from './messages/index.js';
import { darkModeHead } from './dark-mode.js';

const here = dirname(fileURLToPath(import.meta.url));

const MAX_HTML_BYTES = 100 * 1024;

/** Partials put in place and colours filled before MJML sees the source: its strict validation wants real colours. */
async function expandSource(source: string, file: string): Promise<string> {
  const withPartials = await replaceAsync(source, /<mj-include path="\.\.\/partials\/([\w-]+)\.mjml" \/>/g, (name) =>
    readFile(join(here, 'partials', `${name}.mjml`), 'utf8'),
  );
  return withPartials.replace('{{css:dark}}', darkModeHead()).replace(/\{\{c:([\w-]+)\}\}/g, (_, name: string) => {
    const value = colour(name);
    if (!value) throw new Error(`${file}: unknown colour ${name}`);
    return value;
  });
}

async function replaceAsync(text: string, pattern: RegExp, replace: (group: string) => Promise<string>): Promise<string> {
  const found = [...text.matchAll(pattern)];
  const values = await Promise.all(found.map((m) => replace(m[1]!)));
  return found.reduceRight((out, m, i) => out.slice(0, m.index) + values[i] + out.slice(m.index + m[0].length), text);
}

// MJML's own preview div hides the text in most clients; Outlook on Windows also needs mso-hide, and the
// run of invisible characters after it keeps inboxes from filling the preview with the email's first lines.
const MJML_PREVIEW = /<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">([^<]*)<\/div>/;
const PREVIEW_FILLER = '&#847;&zwnj;&nbsp;'.repeat(60);

function hidePreview(html: string, file: string): string {
  if (!MJML_PREVIEW.test(html)) throw new Error(`${file}: every email needs an <mj-preview> (the inbox preview line)`);
  return html.replace(
    MJML_PREVIEW,
    (_, text: string) =>
      `<div class="k-preheader" style="display:none;mso-hide:all;font-size:1px;line-height:1px;color:transparent;` +
      `max-height:0;max-width:0;opacity:0;overflow:hidden;">${text}${PREVIEW_FILLER}</div>`,
  );
}

export type CompiledEmails = Record<string, Record<string, { subject: string; html: string; text: string }>>;

/** Every email of the manifest, MJML compiled once each, its catalog text still as {{t:key}}. */
export async function compileKinds(): Promise<Record<string, CompiledKind>> {
  const { default: mjml2html } = await import('mjml');
  const out: Record<string, CompiledKind> = {};
  for (const [name, kind] of Object.entries(emailManifest)) {
    const { subject: subjectKey, source = name } = kind as { subject: MessageKey; source?: string };
    const mjmlPath = join(here, 'emails', `${source}.mjml`);
    const mjmlSource = await expandSource(await readFile(mjmlPath, 'utf8'), mjmlPath);
    const textSource = await readFile(join(here, 'emails', `${source}.txt`), 'utf8');
    // Catalog text goes in after compiling, so partials read by MJML itself get it too.
    const compiled = await mjml2html(mjmlSource, {
      filePath: mjmlPath,
      validationLevel: 'strict',
      // Partials are already in place (expandSource); MJML reads no other file.
      ignoreIncludes: true,
      // No web fonts: nothing is loaded from a third party when the email is opened.
      fonts: {},
    });
    out[name] = { subjectKey, html: hidePreview(compiled.html, mjmlPath), text: textSource };
  }
  return out;
}

/** Every email of the manifest in each of `forLocales`, its catalog text in: what the runtime sends, checked for size. */
export async function compileEmails(forLocales: readonly Locale[] = locales, kinds?: Record<string, CompiledKind>): Promise<CompiledEmails> {
  const out: CompiledEmails = {};
  for (const [name, kind] of Object.entries(kinds ?? (await compileKinds()))) {
    out[name] = {};
    for (const locale of forLocales) {
      const email = inLanguage(kind, locale, name);
      if (Buffer.byteLength(email.html) > MAX_HTML_BYTES) throw new Error(`${name}.${locale}: HTML over 100 KB`);
      out[name][locale] = email;
    }
  }
  return out;
}

/** The module name of an email kind: `buddy-invite` → `buddyInvite`. */
const identifier = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/**
 * One module per email kind (templates/compiled/emails/<kind>.ts), which registers itself when imported, and
 * templates/compiled/emails.ts importing them all (tests, and the EmailName type). A module that builds an email
 * imports its kind's file, so each Lambda bundle carries only the kinds it sends.
 */
export async function buildTemplates(): Promise<string> {
  const out = await compileKinds();
  await compileEmails(locales, out); // every language filled once here: an unknown key or an email over 100 KB fails the build
  const dir = join(here, 'compiled', 'emails');
  const target = join(here, 'compiled', 'emails.ts');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const header = `// Generated by templates/build.ts from templates/emails/*.mjml — do not edit.\n`;
  for (const [name, kind] of Object.entries(out)) {
    await writeFile(
      join(dir, `${name}.ts`),
      `${header}import { registerCompiled } from '../../compiled-registry.js';\n\n` +
        `export default registerCompiled(${JSON.stringify(name)}, ${JSON.stringify(kind, null, 1)});\n`,
    );
  }
  const names = Object.keys(out);
  await writeFile(
    target,
    header +
      names.map((name) => `import ${identifier(name)} from './emails/${name}.js';\n`).join('') +
      `\nexport const compiledEmails = { ${names.map((name) => `${JSON.stringify(name)}: ${identifier(name)}`).join(', ')} } as const;\n` +
      `export type EmailName = keyof typeof compiledEmails;\n`,
  );
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = await buildTemplates();
  console.log(`templates: compiled ${Object.keys(emailManifest).length} email(s) × ${locales.length} languages → ${target}`);
}
