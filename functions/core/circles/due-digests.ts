// What the tick needs of circles, and nothing more: the tick's bundle stays free of the email templates the
// digest itself renders (circles/digest.ts, in the sender).
import type { Circle } from '../circle-store.js';
import type { QueueMessage, Store } from '../ports.js';

/** A due circle's message: the queue's `owner` is the organiser, its `goalId` the circle's id. */
export const digestMessage = (circle: Circle): QueueMessage => ({ kind: 'circle-digest', owner: circle.organiser ?? '', goalId: circle.id, week: circle.week });

/** Every circle whose digest is due at `nowIso`. */
export async function dueDigests(store: Store, nowIso: string): Promise<QueueMessage[]> {
  const messages: QueueMessage[] = [];
  for await (const circle of store.dueCircles(nowIso)) if (circle.status === 'open' && circle.dueAt && circle.dueAt <= nowIso) messages.push(digestMessage(circle));
  return messages;
}

