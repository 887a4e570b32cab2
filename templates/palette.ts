// The emails' colours, light and dark: one list for the MJML templates ({{c:name}} at build time) and
// for the parts built in code (buttons, chart). Every pair a person reads meets WCAG AA; the test that
// says so computes it from the compiled HTML (test/e2e/email-rendering.test.ts).
export const light = {
  page: '#f5f7fa',
  card: '#ffffff',
  text: '#1f2933',
  muted: '#52606d',
  accent: '#0b6e4f',
  onAccent: '#ffffff',
  /** A bar below the week's target: dark amber, 3:1 against the card as a graphic must be. */
  under: '#b45309',
  rule: '#d9e2ec',
  quoteBg: '#f0f4f8',
} as const;

/** For clients that honour prefers-color-scheme, and Outlook.com's dark mode ([data-ogsc]/[data-ogsb]). */
export const dark = {
  page: '#0f1419',
  card: '#1a222c',
  text: '#e6e9ed',
  muted: '#a3aeb9',
  accent: '#4cd4a0',
  /** Buttons keep the light green: white on it reads the same in both schemes. */
  button: '#0b6e4f',
  under: '#f0a848',
  rule: '#334155',
  quoteBg: '#232d39',
} as const;

export type ColourName = keyof typeof light | `dark-${keyof typeof dark}`;

/** A colour by its template name: "accent", or "dark-accent" for the dark scheme. */
export function colour(name: string): string | undefined {
  if (name.startsWith('dark-')) return (dark as Record<string, string>)[name.slice(5)];
  return (light as Record<string, string>)[name];
}
