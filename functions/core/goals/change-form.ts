// The goal page's "Change the goal" form: the goal's words and its numbers, by the sign-up form's rules.
import * as z from 'zod';
import { signupFormSchema } from '../forms/signup-form.js';

export const changeFormSchema = z.object({
  goal: signupFormSchema.shape.goal,
  perWeek: signupFormSchema.shape.perWeek,
  weeks: signupFormSchema.shape.weeks,
});
