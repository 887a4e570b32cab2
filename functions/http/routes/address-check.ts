// POST /api/address {"email": "…"} → {"suggestion": "…" | null}: the typo check behind the forms' script
// (pages/address-typo.tsx). It only reads, like /api/analyze, and names nothing stored.
import type { Hono } from 'hono';
import * as z from 'zod';
import { suggestAddress } from '../../core/goals/address-typos.js';
import type { Env } from '../context.js';

const request = z.object({ email: z.string().max(254) });

export function addressCheckRoutes(app: Hono<Env>) {
  app.post('/api/address', async (c) => {
    const parsed = request.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: 'Send {"email": "<address>"}.' }, 400);
    return c.json({ suggestion: suggestAddress(parsed.data.email) ?? null });
  });
}
