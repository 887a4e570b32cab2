// Small pages: "check your inbox", errors, and anything that is a heading, a sentence and a link.
import type { Child } from 'hono/jsx';
import { t, type Locale } from '../../core/i18n/messages.js';
import { Layout } from './layout.js';

interface MessagePageProps {
  locale: Locale;
  nonce: string;
  title: string;
  children?: Child;
  role?: 'alert' | 'status';
}

export function MessagePage({ locale, nonce, title, children, role }: MessagePageProps) {
  return (
    <Layout locale={locale} nonce={nonce} title={title}>
      <h1>{title}</h1>
      <div class="card" role={role}>
        {children}
      </div>
    </Layout>
  );
}

/** After sign-up: where the email went, and a way back to the form, filled in, when the address was wrong. */
export function CheckInboxPage({ locale, nonce, email, againUrl }: { locale: Locale; nonce: string; email: string; againUrl: string }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'inbox.title')} role="status">
      <p>{t(locale, 'inbox.body')}</p>
      <p data-testid="sent-to">{t(locale, 'inbox.sentTo', { email })}</p>
      <p>
        <a href={againUrl}>{t(locale, 'inbox.wrong')}</a>
      </p>
      <p>
        <a href={`/?lang=${locale}`}>{t(locale, 'inbox.again')}</a>
      </p>
    </MessagePage>
  );
}

export function ErrorPage({ locale, nonce, message }: { locale: Locale; nonce: string; message: string }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'error.title')} role="alert">
      <p>{message}</p>
      <p>
        <a href={`/?lang=${locale}`}>{t(locale, 'error.home')}</a>
      </p>
    </MessagePage>
  );
}
