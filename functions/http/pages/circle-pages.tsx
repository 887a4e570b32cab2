// The circle's pages: start one (from the goal page), its page (a member's view; the organiser's adds remove
// and close), the invitation with the terms, choosing the goal that joins, and one-button confirmations.
import { rowNumberText } from '../../core/circles/row-text.js';
import type { Child } from 'hono/jsx';
import { t, type Locale, type MessageKey } from '../../core/i18n/messages.js';
import type { Circle } from '../../core/circles/circle.js';
import type { CircleRow } from '../../core/circles/circle.js';
import type { Goal } from '../../core/goal.js';
import { Field } from './form-parts.js';
import { MessagePage } from './message-page.js';

type Errors = Record<string, MessageKey | undefined>;
type Values = Record<string, string | undefined>;

interface FormPageProps {
  locale: Locale;
  nonce: string;
  action: string;
  values?: Values;
  errors?: Errors;
}

function TextField({ locale, name, label, values, errors, type = 'text', first }: { locale: Locale; name: string; label: string; values: Values; errors: Errors; type?: string; first?: boolean }) {
  return (
    <Field name={name} label={label} locale={locale} error={errors[name]} focus={first ?? false}>
      {(control) => <input {...control} type={type} value={values[name] ?? ''} />}
    </Field>
  );
}

/** A heading, a few sentences and one button that posts: what a scanner opening the link never presses. */
export function ActionPage({ locale, nonce, title, lines, action, button, children }: { locale: Locale; nonce: string; title: string; lines: string[]; action?: string; button?: string; children?: Child }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={title} {...(button ? {} : { role: 'status' as const })}>
      {lines.map((line) => (
        <p>{line}</p>
      ))}
      {children}
      {button && action && (
        <form method="post" action={action}>
          <button type="submit">{button}</button>
        </form>
      )}
    </MessagePage>
  );
}

export function CircleStartPage({ locale, nonce, action, values = {}, errors = {} }: FormPageProps) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'circle.start.title')}>
      <p>{t(locale, 'circle.start.lead')}</p>
      <form method="post" action={action}>
        <TextField locale={locale} name="name" label={t(locale, 'circle.start.name')} values={values} errors={errors} first />
        <TextField locale={locale} name="memberName" label={t(locale, 'circle.start.memberName')} values={values} errors={errors} />
        <TextField locale={locale} name="sharedText" label={t(locale, 'circle.start.sharedText')} values={values} errors={errors} />
        <TextField locale={locale} name="sharedTotal" label={t(locale, 'circle.start.sharedTotal')} values={values} errors={errors} type="number" />
        <button type="submit">{t(locale, 'circle.start.button')}</button>
      </form>
    </MessagePage>
  );
}

function RowsTable({ locale, rows, answered }: { locale: Locale; rows: CircleRow[]; answered: Record<string, number> }) {
  const number = (r: CircleRow) => rowNumberText(locale, r);
  return (
    <table class="circle" data-testid="circle-table">
      <thead>
        <tr>
          <th scope="col">{t(locale, 'circle.table.name')}</th>
          <th scope="col">{t(locale, 'circle.table.goal')}</th>
          <th scope="col">{t(locale, 'circle.table.number')}</th>
          <th scope="col">{t(locale, 'circle.table.streak')}</th>
          <th scope="col">{t(locale, 'circle.table.answered')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.name}</th>
            <td>{r.goalSentence}</td>
            <td data-label={t(locale, 'circle.table.number')}>{number(r)}</td>
            <td data-label={t(locale, 'circle.table.streak')}>{r.streak}</td>
            <td data-label={t(locale, 'circle.table.answered')}>{answered[r.goalId] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface CirclePageProps extends FormPageProps {
  circle: Circle;
  rows: CircleRow[];
  answered: Record<string, number>;
  shared: string;
  me: string;
  organiser: boolean;
  full: boolean;
  invitationUrl: string;
  /** This member stopped the circle email. */
  quiet: boolean;
  notice?: MessageKey | undefined;
}

/** The organiser's form for the shared target: what it is now, or what was typed when it came back with an error. */
function SharedTargetForm({ locale, action, target, values, errors }: { locale: Locale; action: string; target: Circle['sharedTarget']; values: Values; errors: Errors }) {
  const typed = 'sharedText' in values || 'sharedTotal' in values;
  const shown = typed ? values : { sharedText: target?.text ?? '', sharedTotal: target ? String(target.total) : '' };
  return (
    <form method="post" action={action} data-testid="circle-shared-form">
      <h2>{t(locale, 'circle.page.shared.title')}</h2>
      <p>{t(locale, 'circle.page.shared.lead')}</p>
      <TextField locale={locale} name="sharedText" label={t(locale, 'circle.start.sharedText')} values={shown} errors={errors} />
      <TextField locale={locale} name="sharedTotal" label={t(locale, 'circle.start.sharedTotal')} values={shown} errors={errors} type="number" />
      <button type="submit" class="secondary">{t(locale, 'circle.page.shared.button')}</button>
    </form>
  );
}

export function CirclePage(p: CirclePageProps) {
  const { locale } = p;
  return (
    <MessagePage locale={locale} nonce={p.nonce} title={p.circle.name}>
      {p.notice && <p role="status">{t(locale, p.notice)}</p>}
      <p>{t(locale, 'circle.page.week', { week: p.circle.week })}</p>
      <RowsTable locale={locale} rows={p.rows} answered={p.answered} />
      {p.shared && (
        <p class="shared" data-testid="circle-shared">
          {p.shared}
        </p>
      )}
      {p.quiet && (
        <form method="post" action={`${p.action}/email-on`} data-testid="circle-quiet">
          <p>{t(locale, 'circle.quiet.off')}</p>
          <button type="submit">{t(locale, 'circle.quiet.undo')}</button>
        </form>
      )}
      <h2>{t(locale, 'circle.page.invite.title')}</h2>
      {p.full ? (
        <p>{t(locale, 'circle.page.full')}</p>
      ) : (
        <>
          <p>{t(locale, 'circle.page.invite.link')}</p>
          <p>
            <input readonly value={p.invitationUrl} aria-label={t(locale, 'circle.page.invite.link')} data-testid="invitation-link" />
          </p>
          <form method="post" action={`${p.action}/invite`}>
            <TextField locale={locale} name="email" label={t(locale, 'circle.page.invite.email')} values={p.values ?? {}} errors={p.errors ?? {}} type="email" first />
            <button type="submit">{t(locale, 'circle.page.invite.button')}</button>
          </form>
        </>
      )}
      {p.organiser ? (
        <>
          <SharedTargetForm locale={locale} action={`${p.action}/shared`} target={p.circle.sharedTarget} values={p.values ?? {}} errors={p.errors ?? {}} />
          <p>{t(locale, 'circle.page.organiser')}</p>
          {/* Under the table, not in a column of it: a phone has no room for one (re-attack R2). */}
          <div class="buttons" data-testid="circle-remove">
            {p.rows
              .filter((r) => r.goalId !== p.me)
              .map((r) => (
                <form method="post" action={`${p.action}/remove`}>
                  <input type="hidden" name="member" value={r.goalId} />
                  <button type="submit" class="danger">{t(locale, 'circle.page.remove', { name: r.name })}</button>
                </form>
              ))}
          </div>
          <form method="post" action={`${p.action}/close`}>
            <button type="submit" class="danger">{t(locale, 'circle.page.close')}</button>
          </form>
        </>
      ) : (
        <form method="post" action={`${p.action}/leave`}>
          <button type="submit" class="danger">{t(locale, 'circle.page.leave')}</button>
        </form>
      )}
    </MessagePage>
  );
}

/** The name a person appears under in the circle, and their own yes to its terms (both join forms ask). */
function NameAndYes({ locale, values, errors }: Pick<FormPageProps, 'locale'> & Required<Pick<FormPageProps, 'values' | 'errors'>>) {
  return (
    <>
      <TextField locale={locale} name="name" label={t(locale, 'circle.join.name')} values={values} errors={errors} />
      <Field name="yes" label={t(locale, 'circle.join.yes')} locale={locale} error={errors.yes}>
        {(control) => <input {...control} type="checkbox" value="1" checked={values.yes === '1'} />}
      </Field>
    </>
  );
}

export function CircleJoinPage({ locale, nonce, action, values = {}, errors = {}, circle, count }: FormPageProps & { circle: Pick<Circle, 'name'>; count: number }) {
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'circle.join.title', { circle: circle.name })}>
      <p>{t(locale, 'circle.join.lead', { count })}</p>
      <p data-testid="circle-terms">{t(locale, 'circle.join.terms')}</p>
      <form method="post" action={action}>
        <TextField locale={locale} name="email" label={t(locale, 'circle.join.email')} values={values} errors={errors} type="email" first />
        <NameAndYes locale={locale} values={values} errors={errors} />
        <button type="submit">{t(locale, 'circle.join.button')}</button>
      </form>
    </MessagePage>
  );
}

export function CircleAttachPage({ locale, nonce, action, values = {}, errors = {}, circle, goals, writeUrl }: FormPageProps & { circle: Pick<Circle, 'name'>; goals: Goal[]; writeUrl: string }) {
  // The goal asked for (the goal page's link names it, a form sent back keeps it), else the first.
  const chosen = goals.some((g) => g.id === values.goal) ? values.goal : goals[0]?.id;
  return (
    <MessagePage locale={locale} nonce={nonce} title={t(locale, 'circle.attach.title', { circle: circle.name })}>
      {goals.length === 0 ? (
        <p>{t(locale, 'circle.attach.none')}</p>
      ) : (
        <form method="post" action={action}>
          <fieldset>
            {goals.map((goal, i) => (
              <p>
                <label>
                  <input type="radio" name="goal" value={goal.id} checked={goal.id === chosen} /> {goal.commitment ?? goal.text}
                </label>
              </p>
            ))}
          </fieldset>
          {errors.goal && <p class="error">{t(locale, errors.goal)}</p>}
          {/* The address owner sees the terms and the name they appear under here, and says yes themselves. */}
          <p data-testid="circle-terms">{t(locale, 'circle.join.terms')}</p>
          <NameAndYes locale={locale} values={values} errors={errors} />
          <button type="submit">{t(locale, 'circle.attach.button')}</button>
        </form>
      )}
      <p>
        <a href={writeUrl}>{t(locale, 'circle.attach.write')}</a>
      </p>
    </MessagePage>
  );
}

/** At the top of the goal page of a goal written from a circle's join page: the way back to joining. */
export function CircleJoinNotice({ goal, now }: { goal: Pick<Goal, 'id' | 'locale' | 'circle' | 'circleJoin' | 'status'>; now: Date }) {
  const join = goal.circleJoin;
  if (!join || goal.circle || join.until <= now.toISOString() || (goal.status !== 'active' && goal.status !== 'paused')) return null;
  // The join page opens with this goal chosen: the person came back to join with it, not with an older one.
  return (
    <p class="notice" data-testid="circle-join">
      <a href={`${join.path}?goal=${goal.id}`}>{t(goal.locale, 'circle.goalPage.join')}</a>
    </p>
  );
}

/** On the goal page: start a circle, or open the one the goal is in. */
export function CircleLink({ goal, path }: { goal: Pick<Goal, 'locale' | 'circle' | 'status'>; path: string }) {
  if (goal.status !== 'active' && goal.status !== 'paused') return null;
  return (
    <p data-testid="circle-link">
      <a href={`${path}/circle`}>{t(goal.locale, goal.circle ? 'circle.goalPage.open' : 'circle.start.title')}</a>
    </p>
  );
}
