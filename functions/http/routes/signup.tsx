// GET / (the form, optionally prefilled from the query, e.g. "set your next goal") and POST /goals.
import { zValidator } from '@hono/zod-validator';
import type { Hono } from 'hono';
import { signUp } from '../../core/goals/sign-up.js';
import { fieldErrors, signupFormSchema } from '../../core/goals/signup-form.js';
import { isLocale } from '../../core/i18n/messages.js';
import type { Deps } from '../../core/ports.js';
import { nonce, requestLocale, stringValues, type Env } from '../context.js';
import { CheckInboxPage } from '../pages/message-page.js';
import { SignupPage, type SignupValues } from '../pages/signup-page.js';

const PREFILL_FIELDS = ['email', 'name', 'goal', 'perWeek', 'weeks', 'timeZone', 'weekday', 'hour', 'buddyName', 'buddyEmail'] as const;

export function signupRoutes(app: Hono<Env>, deps: Deps) {
  app.get('/', (c) => {
    const locale = requestLocale(c);
    const values: SignupValues = { locale };
    for (const field of PREFILL_FIELDS) {
      const value = c.req.query(field);
      if (value !== undefined && value.length <= 500) values[field] = value;
    }
    return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={values} />);
  });

  app.post(
    '/goals',
    zValidator('form', signupFormSchema, (result, c) => {
      if (result.success) return;
      const values = stringValues(result.data);
      const locale = isLocale(values.locale) ? values.locale : requestLocale(c);
      return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={values} errors={fieldErrors(result.error)} />, 400);
    }),
    async (c) => {
      const form = c.req.valid('form');
      await signUp(deps, form);
      return c.html(<CheckInboxPage locale={form.locale} nonce={nonce(c)} />);
    },
  );
}
