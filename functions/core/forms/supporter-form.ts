// The goal page's "add a supporter" form (issue 20): a name (optional) and an address, as for the buddy.
import * as z from 'zod';
import { emailField, nameField, optional } from './signup-form.js';

export const supporterFormSchema = z.object({
  supporterName: optional(nameField()),
  supporterEmail: emailField('errors.supporterEmail.invalid'),
});

/** A supporter named outside the form (the email sign-up's buddy line or Cc): kept only as the form would take them. */
export function asSupporter(email: string, name: string): { email: string; name?: string }[] {
  const parsed = supporterFormSchema.safeParse({ supporterEmail: email, supporterName: name });
  if (!parsed.success) return [];
  return [{ email: parsed.data.supporterEmail, ...(parsed.data.supporterName ? { name: parsed.data.supporterName } : {}) }];
}
