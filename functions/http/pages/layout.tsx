// The frame of every page: language, viewport, one stylesheet (allowed by the CSP nonce), header.
import type { Child } from 'hono/jsx';
import { t, type Locale } from '../../core/i18n/messages.js';
import { styles } from './styles.js';

export interface PageProps {
  locale: Locale;
  nonce: string;
  title: string;
  children?: Child;
  /** The path a language link should point at; omitted where switching makes no sense (token pages). */
  languagePath?: string;
}

export function Layout({ locale, nonce, title, children, languagePath }: PageProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · ${t(locale, 'app.name')}`}</title>
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: styles }} />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            {t(locale, 'app.name')}
          </a>
          {languagePath !== undefined && (
            <nav aria-label={t(locale, 'lang.switch')}>
              <a href={`${languagePath}?lang=nb`} lang="nb" aria-current={locale === 'nb' ? 'true' : undefined}>
                Norsk
              </a>{' '}
              ·{' '}
              <a href={`${languagePath}?lang=en`} lang="en" aria-current={locale === 'en' ? 'true' : undefined}>
                English
              </a>
            </nav>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
