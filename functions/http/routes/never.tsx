// /n/:token — "never email me again", linked from every email. A GET explains and shows the button (link
// scanners only GET); the POST suppresses the address the link names. The page speaks the email's language.
import type { Hono } from 'hono';
import { readNeverToken } from '../../core/emails/never-email.js';
import { stopAllEmail } from '../../core/goals/stop-all-email.js';
import { t } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { nonce, requestLocale, type Env } from '../context.js';
import { MessagePage } from '../pages/message-page.js';

export function neverRoutes(app: Hono<Env>, deps: Deps) {
  app.get('/n/:token', (c) => {
    const email = readNeverToken(deps, c.req.param('token'));
    const locale = requestLocale(c);
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'never.title')}>
        <p>{t(locale, 'never.intro', { email })}</p>
        <p>{t(locale, 'never.kept')}</p>
        <form method="post" action={`${c.req.path}?lang=${locale}`}>
          <button type="submit">{t(locale, 'never.button')}</button>
        </form>
      </MessagePage>,
    );
  });

  app.post('/n/:token', async (c) => {
    const email = readNeverToken(deps, c.req.param('token'));
    await stopAllEmail(deps, email);
    const locale = requestLocale(c);
    return c.html(
      <MessagePage locale={locale} nonce={nonce(c)} title={t(locale, 'never.done', { email })} role="status">
        <p>{t(locale, 'never.kept')}</p>
      </MessagePage>,
    );
  });
}
