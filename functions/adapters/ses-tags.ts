// The send key as SES message tags: SES repeats a message's tags in every event it publishes about it,
// so a Send event names the claim it settles. Tag values allow only letters, digits, '_' and '-'.
import type { OutgoingEmail, SendKey } from '../core/ports.js';

type TaggedKey = NonNullable<OutgoingEmail['sendKey']>;

export function sendKeyTags(key: TaggedKey): { Name: string; Value: string }[] {
  return [
    { Name: 'kompis-goal', Value: key.goalId },
    { Name: 'kompis-week', Value: String(key.week) },
    { Name: 'kompis-kind', Value: key.kind.replace(/[^A-Za-z0-9_-]/g, '_') },
  ];
}

/** The send key from a SES event's `mail.tags` ({ name: [value] }); undefined when it names none. */
export function sendKeyFromTags(tags: Record<string, string[] | undefined> | undefined): TaggedKey | undefined {
  const goalId = tags?.['kompis-goal']?.[0];
  const week = Number(tags?.['kompis-week']?.[0]);
  const kind = tags?.['kompis-kind']?.[0];
  if (!goalId || !Number.isInteger(week) || !kind) return undefined;
  return { goalId, week, kind: kind as SendKey['kind'] };
}
