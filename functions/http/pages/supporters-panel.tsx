// The goal page's other supporters (issue 20): each added supporter with their state and a way to remove
// them, and "add a supporter" (up to 3 with the first) through the same emailed link as a new buddy.
import { MAX_INVITATIONS_ADDED, MAX_SUPPORTERS, supportersOf } from '../../core/buddy/supporters.js';
import { t } from '../../core/i18n/messages.js';
import { Field, Panel } from './form-parts.js';
import { fieldOf, supporterState, type SectionProps } from './goal-settings.js';

export function SupportersPanel({ goal, path, errors, values }: SectionProps) {
  const locale = goal.locale;
  const added = goal.supporters ?? [];
  const room = supportersOf(goal).length < MAX_SUPPORTERS;
  const invitesLeft = MAX_INVITATIONS_ADDED - (goal.supporterInvitations ?? 0);
  const field = fieldOf(locale, errors);
  const names = added.map((s) => s.name ?? s.email).join(', ');
  const summary = added.length > 0 ? t(locale, 'goal.supporters.summary', { names }) : t(locale, 'goal.buddy.none');
  return (
    <Panel id="supporters" title={t(locale, 'goal.supporters.legend')} value={summary} open={Boolean(errors.supporterEmail || errors.supporterName)}>
      <p class="hint">{t(locale, 'goal.supporters.hint')}</p>
      {added.length > 0 && (
        <ul data-testid="supporters">
          {added.map((supporter) => (
            <li>
              {supporterState(goal, supporter, 'goal.supporters.accepted')}
              {supporter.status === 'invited' && invitesLeft > 0 && (
                <form method="post" action={`${path}/supporters/${supporter.id}/again`}>
                  <button type="submit" class="secondary">
                    {t(locale, 'goal.buddy.inviteAgain')}
                  </button>
                </form>
              )}
              <form method="post" action={`${path}/supporters/${supporter.id}/remove`}>
                <button type="submit" class="secondary">
                  {t(locale, 'goal.supporters.remove', { buddy: supporter.name ?? supporter.email })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {room ? (
        <form method="post" action={`${path}/supporters`} novalidate>
          <h3>{t(locale, 'goal.supporters.add')}</h3>
          <Field {...field('supporterName', 'form.supporterName')}>{(c) => <input {...c} type="text" maxlength={100} value={values.supporterName} />}</Field>
          <Field {...field('supporterEmail', 'form.supporterEmail')}>{(c) => <input {...c} type="email" maxlength={254} value={values.supporterEmail} />}</Field>
          <p class="hint">{t(locale, 'goal.stepUp.hint')}</p>
          <button type="submit" class="secondary">
            {t(locale, 'goal.supporters.addByEmail')}
          </button>
        </form>
      ) : (
        <p>{t(locale, 'goal.supporters.full')}</p>
      )}
    </Panel>
  );
}
