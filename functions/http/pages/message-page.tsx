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

export function CheckInboxPage({ locale, nonce }: { locale: Locale; nonce: string }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'inbox.title')} role="status">
      <p>{t(locale, 'inbox.body')}</p>
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
