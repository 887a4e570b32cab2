// The same escaper hono/jsx uses for pages, so emails and pages escape alike (& < > ' ").
import { escapeToBuffer } from 'hono/utils/html';

export function escapeHtml(value: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(value, buffer);
  return buffer[0];
}
