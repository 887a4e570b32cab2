// A full check-in (both languages, chart, buttons, text part) from the precompiled templates, against
// mjml2html of the same MJML source at send time. Link signing, equal on both paths, is reported apart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml } from '../../templates/escape.js';
import { catalog, locales } from '../../functions/core/i18n/messages.js';
import { checkinLinks, renderCheckin } from '../../functions/core/weekly/checkin-email.js';
import { aGoal, anAnswer, exampleConfig } from '../helpers/factories.js';
import { fastestOf, perCall } from './measure.js';

const config = exampleConfig;
const goal = (locale: 'nb' | 'en') => aGoal({ locale });
const answers = [1, 2, 3, 5, 6].map((week) => anAnswer(week, week % 3));
const sentAt = new Date('2026-04-24T13:00:00Z');

export async function benchRender() {
  // Links are signed the same way on either path; they are measured on their own.
  const links = Object.fromEntries(locales.map((locale) => [locale, checkinLinks(config, goal(locale), 8, sentAt)]));
  const signingMs = await perCall(2000, () => {
    for (const locale of locales) checkinLinks(config, goal(locale), 8, sentAt);
  });
  // Both paths: the fastest of several blocks — on a shared machine, noise only ever adds time.
  const precompiled = await fastestOf(5, () =>
    perCall(10000, () => {
      for (const locale of locales) renderCheckin(goal(locale), 8, answers, links[locale]!);
    }),
  );

  const { default: mjml2html } = await import('mjml');
  const dir = join(process.cwd(), 'templates');
  const source = await readFile(join(dir, 'emails', 'checkin.mjml'), 'utf8');
  const runtime = await fastestOf(3, () => perCall(
    10,
    async () => {
      for (const locale of locales) {
        // What a send would do without the build step: put the catalog text in, compile, then fill.
        const text = source.replace(/\{\{t:([\w.]+)\}\}/g, (_, key: string) => (key === 'lang' ? locale : escapeHtml(catalog(locale)[key as keyof ReturnType<typeof catalog>])));
        await mjml2html(text, { filePath: join(dir, 'emails', 'checkin.mjml'), ignoreIncludes: false, includePath: join(dir, 'partials'), fonts: {} });
        renderCheckin(goal(locale), 8, answers, links[locale]!);
      }
    },
    3,
  ));
  return { precompiledMs: precompiled, mjmlMs: runtime, ratio: runtime / precompiled, signingMs };
}
