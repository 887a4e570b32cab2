// GET / and a rejected POST /goals: the sign-up form. Works without script; the one script only
// fills the time zone from the browser when the person has not chosen one.
import type { Child } from 'hono/jsx';
import type { SignupField } from '../../core/goals/signup-form.js';
import { signupDefaults } from '../../core/goals/signup-form.js';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { Layout } from './layout.js';
import type { Coaching } from '../../core/analysis/coaching.js';
import { HourOptions, WeekdayOptions } from './schedule-options.js';

export type SignupValues = Partial<Record<SignupField, string>>;
export type SignupErrors = Partial<Record<SignupField, MessageKey>>;

const timeZones = Intl.supportedValuesOf('timeZone');
// While the goal is typed: ask /api/analyze, show what was understood (an aria-live region), and fill
// the number fields the person left empty — never one they typed in. Text goes in with textContent only.
const coachScript = (exampleTemplate: string, complete: string) => `(function(){
var g=document.getElementById('goal'),per=document.getElementById('perWeek'),wk=document.getElementById('weeks'),lang=document.getElementById('locale'),ack=document.getElementById('acknowledged');
if(!g||!window.fetch)return;var timer,autoPer=per.value==='',autoWeeks=wk.value==='13'&&!g.value;
per.addEventListener('input',function(){autoPer=false;});wk.addEventListener('input',function(){autoWeeks=false;});
function set(id,text){var e=document.getElementById(id);if(e)e.textContent=text||'';}
function show(r){var list=document.getElementById('coach-missing');list.textContent='';
(r.missing||[]).forEach(function(m){var li=document.createElement('li');li.textContent=m;list.appendChild(li);});
document.getElementById('coach-missing-heading').hidden=!(r.missing&&r.missing.length);
set('coach-understood',r.understood);set('coach-example',r.example?${JSON.stringify(exampleTemplate)}.replace('%s',r.example):(r.complete?${JSON.stringify(complete)}:''));
if(autoPer&&r.perWeek){per.value=r.perWeek;}if(autoWeeks&&r.weeks){wk.value=r.weeks;}
set('coach-mismatch',autoPer?'':r.mismatch);document.getElementById('coach').removeAttribute('data-empty');
if((r.missing&&r.missing.length)||r.mismatch)ack.value='1';}
function run(){if(!g.value.trim())return;fetch('/api/analyze',{method:'POST',headers:{'content-type':'application/json'},
body:JSON.stringify({text:g.value,lang:lang.value,perWeek:per.value})}).then(function(r){return r.ok?r.json():null;}).then(function(r){if(r)show(r);}).catch(function(){});}
g.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(run,350);});if(g.value.trim())run();})();`;

// Only a field the person has not touched yet (data-auto) takes the browser's zone.
const fillTimeZone = `(function(){var f=document.getElementById('timeZone');if(!f||!f.dataset.auto)return;try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z)f.value=z;}catch(e){}})();`;

interface FieldProps {
  name: SignupField;
  label: string;
  locale: Locale;
  errors: SignupErrors;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => Child;
}

function Field({ name, label, locale, errors, hint, children }: FieldProps) {
  const error = errors[name];
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={name}>{label}</label>
      {children(ids || undefined, Boolean(error))}
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${name}-error`}>
          {t(locale, error)}
        </p>
      )}
    </div>
  );
}

export interface SignupPageProps {
  locale: Locale;
  nonce: string;
  values?: SignupValues;
  errors?: SignupErrors;
  /** Shown after a submit without script: the coaching, and "Save as it is". */
  coaching?: Coaching | undefined;
}

/** The coaching panel: filled by the server after a submit, and live by the script while typing. */
function CoachPanel({ locale, coaching }: { locale: Locale; coaching?: Coaching | undefined }) {
  return (
    <section id="coach" class="coach" aria-live="polite" aria-labelledby="coach-heading" data-empty={coaching ? undefined : '1'}>
      <h2 id="coach-heading">{t(locale, 'coach.heading')}</h2>
      <p id="coach-understood">{coaching?.understood ?? ''}</p>
      <p id="coach-missing-heading" class="hint" hidden={!coaching?.missing.length}>
        {t(locale, 'coach.missingHeading')}
      </p>
      <ul id="coach-missing">{coaching?.missing.map((m) => <li>{m}</li>)}</ul>
      <p id="coach-example">{coaching?.example ? t(locale, 'coach.example', { example: coaching.example }) : coaching?.complete ? t(locale, 'coach.complete') : ''}</p>
      <p id="coach-mismatch" class="error">{coaching?.mismatch ?? ''}</p>
    </section>
  );
}

export function SignupPage({ locale, nonce, values = {}, errors = {}, coaching }: SignupPageProps) {
  const v = (name: SignupField, fallback: string | number = '') => values[name] ?? String(fallback);
  const hasErrors = Object.keys(errors).length > 0;
  const common = { locale, errors };
  const chosenLocale = v('locale', locale);
  const weekday = v('weekday', signupDefaults.weekday);
  const hour = v('hour', signupDefaults.hour);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'form.title')} languagePath="/">
      <h1>{t(locale, 'form.title')}</h1>
      <p>{t(locale, 'form.intro')}</p>
      {hasErrors && (
        <p class="summary" role="alert">
          {t(locale, 'form.errors.summary')}
        </p>
      )}
      <form method="post" action="/goals" class="card" novalidate>
        <Field name="email" label={t(locale, 'form.email')} {...common}>
          {(d, bad) => (
            <input id="email" name="email" type="email" autocomplete="email" required maxlength={254}
              value={v('email')} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
          )}
        </Field>
        <Field name="name" label={t(locale, 'form.name')} {...common}>
          {(d, bad) => (
            <input id="name" name="name" type="text" autocomplete="name" maxlength={100}
              value={v('name')} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
          )}
        </Field>
        <Field name="goal" label={t(locale, 'form.goal')} hint={t(locale, 'form.goal.hint')} {...common}>
          {(d, bad) => (
            <textarea id="goal" name="goal" required maxlength={500} aria-describedby={d ? `${d} coach` : 'coach'}
              aria-invalid={bad ? 'true' : undefined}>{v('goal')}</textarea>
          )}
        </Field>
        <CoachPanel locale={locale} coaching={coaching} />
        <input type="hidden" id="acknowledged" name="acknowledged" value="" />
        <div class="row">
          <Field name="perWeek" label={t(locale, 'form.perWeek')} {...common}>
            {(d, bad) => (
              <input id="perWeek" name="perWeek" type="number" inputmode="numeric" min={1} max={100} step={1} required
                value={v('perWeek')} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
            )}
          </Field>
          <Field name="weeks" label={t(locale, 'form.weeks')} hint={t(locale, 'form.weeks.hint')} {...common}>
            {(d, bad) => (
              <input id="weeks" name="weeks" type="number" inputmode="numeric" min={1} max={52} step={1} required
                value={v('weeks', signupDefaults.weeks)} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
            )}
          </Field>
        </div>
        <fieldset>
          <legend>{t(locale, 'form.buddy.legend')}</legend>
          <p class="hint">{t(locale, 'form.buddy.hint')}</p>
          <Field name="buddyName" label={t(locale, 'form.buddyName')} {...common}>
            {(d, bad) => (
              <input id="buddyName" name="buddyName" type="text" maxlength={100}
                value={v('buddyName')} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
            )}
          </Field>
          <Field name="buddyEmail" label={t(locale, 'form.buddyEmail')} {...common}>
            {(d, bad) => (
              <input id="buddyEmail" name="buddyEmail" type="email" maxlength={254}
                value={v('buddyEmail')} aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t(locale, 'form.schedule.legend')}</legend>
          <div class="row">
            <Field name="weekday" label={t(locale, 'form.weekday')} {...common}>
              {(d, bad) => (
                <select id="weekday" name="weekday" aria-describedby={d} aria-invalid={bad ? 'true' : undefined}>
                  <WeekdayOptions locale={locale} selected={weekday} />
                </select>
              )}
            </Field>
            <Field name="hour" label={t(locale, 'form.hour')} {...common}>
              {(d, bad) => (
                <select id="hour" name="hour" aria-describedby={d} aria-invalid={bad ? 'true' : undefined}>
                  <HourOptions selected={hour} />
                </select>
              )}
            </Field>
          </div>
          <Field name="timeZone" label={t(locale, 'form.timeZone')} {...common}>
            {(d, bad) => (
              <input id="timeZone" name="timeZone" type="text" list="timeZones" autocomplete="off" maxlength={64}
                value={v('timeZone', signupDefaults.timeZone)} data-auto={values.timeZone === undefined ? '1' : undefined}
                aria-describedby={d} aria-invalid={bad ? 'true' : undefined} />
            )}
          </Field>
          <datalist id="timeZones">
            {timeZones.map((zone) => (
              <option value={zone} />
            ))}
          </datalist>
          <Field name="locale" label={t(locale, 'form.locale')} {...common}>
            {(d, bad) => (
              <select id="locale" name="locale" aria-describedby={d} aria-invalid={bad ? 'true' : undefined}>
                <option value="nb" selected={chosenLocale === 'nb'}>{t(locale, 'lang.nb')}</option>
                <option value="en" selected={chosenLocale === 'en'}>{t(locale, 'lang.en')}</option>
              </select>
            )}
          </Field>
        </fieldset>
        <div class="buttons">
          <button type="submit">{t(locale, 'form.submit')}</button>
          {coaching && (
            <button type="submit" class="secondary" name="acknowledged" value="1">
              {t(locale, 'coach.saveAnyway')}
            </button>
          )}
        </div>
      </form>
      <section class="card" aria-labelledby="examples-heading">
        <h2 id="examples-heading">{t(locale, 'examples.heading')}</h2>
        <ul>
          <li>{t(locale, 'examples.sales')}</li>
          <li>{t(locale, 'examples.hr')}</li>
          <li>{t(locale, 'examples.it')}</li>
        </ul>
      </section>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: fillTimeZone + coachScript(t(locale, 'coach.example', { example: '%s' }), t(locale, 'coach.complete')) }} />
    </Layout>
  );
}
