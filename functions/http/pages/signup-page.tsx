// GET / and a rejected POST /goals: the sign-up form. Works without script; the script fills the time zone
// from the browser when the person has not chosen one, narrows the zone list, coaches and checks addresses.
import type { SignupField } from '../../core/forms/signup-form.js';
import { signupDefaults } from '../../core/forms/signup-form.js';
import { locales, t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import { Layout } from './layout.js';
import type { Coaching } from '../../core/analysis/coaching.js';
import { HourOptions, WeekdayOptions } from './schedule-options.js';
import { ErrorSummary, Field, invalidFields } from './form-parts.js';
import { TypoFixButton, TypoHint, TypoSeen, typoScript } from './address-typo.js';
import { TimeZoneSelect, timeZoneScript } from './time-zone-field.js';

export type SignupValues = Partial<Record<SignupField | 'typoSeen', string>>;
export type SignupErrors = Partial<Record<SignupField, MessageKey>>;

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

export interface SignupPageProps {
  locale: Locale;
  nonce: string;
  values?: SignupValues;
  errors?: SignupErrors;
  /** Shown after a submit without script: the coaching, and "Save as it is". */
  coaching?: Coaching | undefined;
  /** "Did you mean …?" for an address field, before anything is sent. */
  typos?: Partial<Record<'email' | 'buddyEmail', string>>;
  /** The zone chosen when the person has not picked one: the server's guess from the request's language. */
  zoneGuess?: string;
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

/** The fields in the order the form shows them: the error summary lists them so, and the first is focused. */
const FIELD_ORDER = ['email', 'name', 'goal', 'perWeek', 'weeks', 'buddyName', 'buddyEmail', 'weekday', 'hour', 'timeZone', 'locale'] as const;

export function SignupPage({ locale, nonce, values = {}, errors = {}, coaching, typos = {}, zoneGuess }: SignupPageProps) {
  const v = (name: SignupField, fallback: string | number = '') => values[name] ?? String(fallback);
  const first = invalidFields(FIELD_ORDER, errors)[0];
  const field = (name: SignupField, label: MessageKey, hint?: MessageKey) => ({
    name,
    label: t(locale, label),
    locale,
    error: errors[name],
    focus: name === first,
    ...(hint ? { hint: t(locale, hint) } : {}),
  });
  const chosenLocale = v('locale', locale);
  const weekday = v('weekday', signupDefaults.weekday);
  const hour = v('hour', signupDefaults.hour);
  return (
    <Layout locale={locale} nonce={nonce} title={t(locale, 'form.title')} languagePath="/">
      <h1>{t(locale, 'form.title')}</h1>
      <p class="lead">{t(locale, 'form.intro')}</p>
      <p>
        <a href={`/find?lang=${locale}`}>{t(locale, 'find.link')}</a>
      </p>
      <ErrorSummary locale={locale} order={FIELD_ORDER} errors={errors} />
      <form method="post" action="/goals" class="card" novalidate>
        <Field {...field('email', 'form.email')} describedBy="email-typo">
          {(c) => <input {...c} type="email" autocomplete="email" required maxlength={254} value={v('email')} data-typo="1" />}
        </Field>
        <TypoHint locale={locale} field="email" suggestion={typos.email} />
        <TypoSeen value={values.typoSeen} />
        <Field {...field('name', 'form.name')}>{(c) => <input {...c} type="text" autocomplete="name" maxlength={100} value={v('name')} />}</Field>
        <Field {...field('goal', 'form.goal', 'form.goal.hint')} describedBy="coach">
          {(c) => (
            <textarea {...c} required maxlength={500}>
              {v('goal')}
            </textarea>
          )}
        </Field>
        <CoachPanel locale={locale} coaching={coaching} />
        <input type="hidden" id="acknowledged" name="acknowledged" value="" />
        {values.join && <input type="hidden" name="join" value={values.join} />}
        <div class="row">
          <Field {...field('perWeek', 'form.perWeek')}>
            {(c) => <input {...c} type="number" inputmode="numeric" min={1} max={100} step={1} required value={v('perWeek')} />}
          </Field>
          <Field {...field('weeks', 'form.weeks', 'form.weeks.hint')}>
            {(c) => <input {...c} type="number" inputmode="numeric" min={1} max={52} step={1} required value={v('weeks', signupDefaults.weeks)} />}
          </Field>
        </div>
        <fieldset>
          <legend>{t(locale, 'form.buddy.legend')}</legend>
          <p class="hint">{t(locale, 'form.buddy.hint')}</p>
          <Field {...field('buddyName', 'form.buddyName')}>{(c) => <input {...c} type="text" maxlength={100} value={v('buddyName')} />}</Field>
          <Field {...field('buddyEmail', 'form.buddyEmail')} describedBy="buddyEmail-typo">
            {(c) => <input {...c} type="email" maxlength={254} value={v('buddyEmail')} data-typo="1" />}
          </Field>
          <TypoHint locale={locale} field="buddyEmail" suggestion={typos.buddyEmail} />
        </fieldset>
        <fieldset>
          <legend>{t(locale, 'form.schedule.legend')}</legend>
          <div class="row">
            <Field {...field('weekday', 'form.weekday')}>
              {(c) => (
                <select {...c}>
                  <WeekdayOptions locale={locale} selected={weekday} />
                </select>
              )}
            </Field>
            <Field {...field('hour', 'form.hour')}>
              {(c) => (
                <select {...c}>
                  <HourOptions selected={hour} />
                </select>
              )}
            </Field>
          </div>
          <Field {...field('timeZone', 'form.timeZone')}>
            {(c) => <TimeZoneSelect control={c} locale={locale} selected={v('timeZone', zoneGuess ?? signupDefaults.timeZone)} auto={values.timeZone === undefined} />}
          </Field>
          <Field {...field('locale', 'form.locale')}>
            {(c) => (
              <select {...c}>
                {locales.map((l) => (
                  <option value={l} selected={chosenLocale === l}>
                    {t(l, 'lang.name')}
                  </option>
                ))}
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
          <TypoFixButton locale={locale} field="email" suggestion={typos.email} />
          <TypoFixButton locale={locale} field="buddyEmail" suggestion={typos.buddyEmail} />
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
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: timeZoneScript + typoScript + coachScript(t(locale, 'coach.example', { example: '%s' }), t(locale, 'coach.complete')) }} />
    </Layout>
  );
}
