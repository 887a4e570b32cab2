// The goal page's "add a supporter" form (issue 20): a name (optional) and an address, as for the buddy.
import * as z from 'zod';
import { emailField, nameField, optional } from './signup-form.js';

export const supporterFormSchema = z.object({
  supporterName: optional(nameField()),
  supporterEmail: emailField('errors.supporterEmail.invalid'),
});
