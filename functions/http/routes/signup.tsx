// GET / (the form, optionally prefilled from the query, e.g. "set your next goal") and POST /goals.
import type { Hono } from 'hono';
import { signUp } from '../../core/goals/sign-up.js';
import { isKompisAddress, pendingSuggestions, withSeen } from '../../core/goals/address-typos.js';
import { prefilledFormUrl } from '../../core/links/links.js';
import { fieldErrors, signupFormSchema } from '../../core/forms/signup-form.js';
import { isLocale, locales } from '../../core/i18n/messages.js';
import * as z from 'zod';
import { coach } from '../../core/analysis/coaching.js';
import { checkSignupLimits } from '../../core/goals/signup-limits.js';
import type { Deps } from '../../core/ports.js';
import { notBefore } from '../answer-floor.js';
import { clientIp, formFields, nonce, requestLocale, stringValues, type Env } from '../context.js';
import { CheckInboxPage } from '../pages/message-page.js';
import { SignupPage, type SignupValues } from '../pages/signup-page.js';
import { guessTimeZone } from '../pages/time-zone-field.js';

const PREFILL_FIELDS = ['email', 'name', 'goal', 'perWeek', 'weeks', 'timeZone', 'weekday', 'hour', 'buddyName', 'buddyEmail', 'join'] as const;

export function signupRoutes(app: Hono<Env>, deps: Deps) {
  app.get('/', (c) => {
    const locale = requestLocale(c);
    const values: SignupValues = { locale };
    for (const field of PREFILL_FIELDS) {
      const value = c.req.query(field);
      if (value !== undefined && value.length <= 500) values[field] = value;
    }
    return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={values} zoneGuess={guessTimeZone(c.req.header('accept-language'))} />);
  });

  app.post('/goals', async (c) => {
    const started = performance.now();
    const body = await formFields(c, { all: true });
    const values = stringValues(body);
    // "Use ola@gmail.com" (without script): the suggested address replaces the typed one.
    for (const field of ['email', 'buddyEmail'] as const) {
      const fix = values[`fix-${field}`];
      if (fix) values[field] = fix;
    }
    // "Save as it is" and the script's hidden field may both send it: any "1" means the nudge was seen.
    values.acknowledged = ([body.acknowledged].flat() as unknown[]).includes('1') ? '1' : '';
    const duplicates = Object.entries(body).filter(([name, v]) => Array.isArray(v) && name !== 'acknowledged');
    const locale = isLocale(values.locale) ? values.locale : requestLocale(c);
    // The number fields the person left empty are filled from the goal's own words. A goal longer than the
    // form takes is refused below without reading it: the reader's time grows with the square of a long word.
    const readable = values.goal && values.goal.length <= 500 ? values.goal : undefined;
    const coaching = readable ? coach(readable, { language: locale, perWeek: numberOrUndefined(values.perWeek) }) : undefined;
    if (coaching && !values.perWeek?.trim() && coaching.perWeek !== null) values.perWeek = String(coaching.perWeek);
    if (coaching && !values.weeks?.trim() && coaching.weeks !== null) values.weeks = String(coaching.weeks);

    const result = signupFormSchema.safeParse({ ...values, ...Object.fromEntries(duplicates) });
    if (!result.success) {
      // A field sent twice says so, whatever the rule its first value would have broken.
      const twice = duplicates.filter(([name]) => name in signupFormSchema.shape).map(([name]) => [name, 'errors.field.duplicate'] as const);
      const errors = { ...fieldErrors(result.error), ...Object.fromEntries(twice) };
      return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={values} errors={errors} />, 400);
    }
    const form = result.data;
    if (form.buddyEmail && isKompisAddress(form.buddyEmail, deps.config)) {
      return c.html(<SignupPage locale={locale} nonce={nonce(c)} values={values} errors={{ buddyEmail: 'errors.buddyEmail.ours' }} />, 400);
    }
    // A likely typo in an address is asked about before anything is sent; saving again keeps it as typed.
    const typos = pendingSuggestions({ email: form.email, buddyEmail: form.buddyEmail }, values.typoSeen);
    if (typos.email || typos.buddyEmail) {
      const seen = withSeen(values.typoSeen, [form.email, form.buddyEmail]);
      return c.html(<SignupPage locale={form.locale} nonce={nonce(c)} values={{ ...values, typoSeen: seen }} typos={typos} />);
    }
    // One nudge: a goal that lacks parts, or whose number disagrees with the field, is shown its coaching
    // once; "Save as it is" (or the live coaching, with script) lets it through.
    const nudge = coaching && (coaching.missing.length > 0 || coaching.mismatch) && form.acknowledged !== '1';
    if (nudge) return c.html(<SignupPage locale={form.locale} nonce={nonce(c)} values={values} coaching={coaching} />);
    await checkSignupLimits(deps, clientIp(c), form.email);
    await signUp(deps, form);
    await notBefore(started + (deps.config.signupMinMs ?? 0));
    const again = prefilledFormUrl(deps.config, { ...Object.fromEntries(PREFILL_FIELDS.map((f) => [f, values[f]])), lang: form.locale });
    return c.html(<CheckInboxPage locale={form.locale} nonce={nonce(c)} email={form.email} againUrl={new URL(again).pathname + new URL(again).search} />);
  });

  app.post('/api/analyze', async (c) => {
    const parsed = analyzeRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: `Send {"text": "<your goal>", "lang": ${locales.map((l) => `"${l}"`).join(' | ')}}.` }, 400);
    const { text, lang, perWeek } = parsed.data;
    const result = coach(text, { language: lang, perWeek: numberOrUndefined(perWeek) });
    return c.json({
      understood: result.understood,
      missing: result.missing,
      example: result.example,
      complete: result.complete,
      mismatch: result.mismatch,
      perWeek: result.perWeek,
      weeks: result.weeks,
      analysis: result.analysis,
    });
  });
}

const analyzeRequest = z.object({
  text: z.string().max(500),
  lang: z.enum(locales).optional(),
  perWeek: z.string().max(10).optional(),
});

function numberOrUndefined(value: string | undefined): number | undefined {
  return value && /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : undefined;
}
