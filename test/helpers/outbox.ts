// Reads what the local SES received, filtered by recipient.
import { inject } from 'vitest';

export interface OutboxEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function outbox(): Promise<OutboxEmail[]> {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  return ((await response.json()) as { emails: OutboxEmail[] }).emails;
}

export async function outboxFor(address: string): Promise<OutboxEmail[]> {
  return (await outbox()).filter((email) => email.destination.to.includes(address));
}

/** Links in the plain-text part whose path starts with `pathPrefix` (e.g. '/c/'). */
export function linksIn(email: OutboxEmail, pathPrefix: string): string[] {
  const text = email.body.text ?? '';
  return [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]).filter((url) => new URL(url).pathname.startsWith(pathPrefix));
}
