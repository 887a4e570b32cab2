// The parts every form shares: a field (label, control, hint, its error right after it) and the error
// summary at the top of a page that was sent back. A page sent back with errors opens on the first invalid
// field: it carries `autofocus`, which the browser honours without script and scrolls into view, so an
// error on the long goal page is never out of sight. The summary links to every field that needs fixing.
import type { Child } from 'hono/jsx';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';

/** What a control needs to be tied to its hint and error, and focused when it is the first to fix. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  autofocus?: boolean;
}

export interface FieldProps {
  name: string;
  label: string;
  locale: Locale;
  error?: MessageKey | undefined;
  /** The first invalid field of the page: focused on load. */
  focus?: boolean;
  hint?: string;
  /** More ids the control is described by (e.g. the coaching panel). */
  describedBy?: string;
  children: (control: ControlProps) => Child;
}

export function Field({ name, label, locale, error, focus, hint, describedBy, children }: FieldProps) {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : '', describedBy ?? ''].filter(Boolean).join(' ');
  const control: ControlProps = {
    id: name,
    name,
    ...(ids ? { 'aria-describedby': ids } : {}),
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
    ...(error && focus ? { autofocus: true } : {}),
  };
  return (
    <div class="field">
      <label for={name}>{label}</label>
      {children(control)}
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

/** The fields with an error, in the order the page shows them. */
export function invalidFields<F extends string>(order: readonly F[], errors: Partial<Record<F, MessageKey | undefined>>): F[] {
  return order.filter((name) => errors[name]);
}

/** At the top of a page sent back: what to fix, each a link to its field. */
export function ErrorSummary<F extends string>({ locale, order, errors }: { locale: Locale; order: readonly F[]; errors: Partial<Record<F, MessageKey | undefined>> }) {
  const invalid = invalidFields(order, errors);
  if (invalid.length === 0) return null;
  return (
    <div class="summary" role="alert" aria-labelledby="error-summary-title" id="error-summary">
      <h2 id="error-summary-title">{t(locale, 'form.errors.summary')}</h2>
      <ul>
        {invalid.map((name) => (
          <li>
            <a href={`#${name}`}>{t(locale, errors[name]!)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface PanelProps {
  id: string;
  title: string;
  /** The current setting, under the title: seen without opening the panel. */
  value?: string | undefined;
  /** Open when the page comes back with an error inside. */
  open?: boolean;
  children?: Child;
}

/** One labelled section of settings that opens and closes without script (<details>). */
export function Panel({ id, title, value, open, children }: PanelProps) {
  return (
    <details class="panel" id={id} open={open}>
      <summary>
        <span>
          <span class="what">{title}</span>
          {value && <span class="now-value">{value}</span>}
        </span>
      </summary>
      <div class="panel-body">{children}</div>
    </details>
  );
}
