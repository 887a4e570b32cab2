// The frame of every page: language, viewport, one stylesheet (allowed by the CSP nonce), header.
import type { Child } from 'hono/jsx';
import { locales, t, type Locale } from '../../core/i18n/messages.js';
import { light } from '../../../templates/palette.js';
import { styles } from './styles.js';

// The wordmark as in the emails: a green rounded square with a white K, then "Kompis" in green. Inline, so
// it needs no request; the same drawing is the favicon, named here so no browser asks for /favicon.ico.
const mark = (square: string, letter: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${square}"/>` +
  `<text x="16" y="23" font-family="Arial,Helvetica,sans-serif" font-size="20" font-weight="700" fill="${letter}" text-anchor="middle">K</text></svg>`;
const FAVICON = `data:image/svg+xml,${encodeURIComponent(mark(light.accent, light.onAccent))}`;
const HEADER_MARK = mark(light.accent, light.onAccent).replace('<svg ', '<svg width="26" height="26" aria-hidden="true" focusable="false" ');

export interface PageProps {
  locale: Locale;
  nonce: string;
  title: string;
  children?: Child;
  /** The path a language link should point at; omitted where switching makes no sense (token pages). */
  languagePath?: string;
  /** A wider column, for the goal page's dashboard on a desktop screen. */
  wide?: boolean;
}

export function Layout({ locale, nonce, title, children, languagePath, wide }: PageProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t(locale, 'app.name')}`}</title>
        <link rel="icon" type="image/svg+xml" href={FAVICON} />
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: styles }} />
      </head>
      <body class={wide ? 'wide' : undefined}>
        <header>
          <div class="frame">
            <a class="brand" href={`/?lang=${locale}`}>
              <span dangerouslySetInnerHTML={{ __html: HEADER_MARK }} />
              {t(locale, 'app.name')}
            </a>
            {languagePath !== undefined && (
              <nav aria-label={t(locale, 'lang.switch')}>
                {locales.map((l) => (
                  <a href={`${languagePath}?lang=${l}`} lang={l} aria-current={locale === l ? 'true' : undefined}>
                    {t(l, 'lang.short')}
                  </a>
                ))}
              </nav>
            )}
          </div>
        </header>
        <main class="frame">{children}</main>
        <footer>
          <div class="frame">{t(locale, 'app.tagline')}</div>
        </footer>
      </body>
    </html>
  );
}
