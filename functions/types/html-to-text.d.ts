// html-to-text 10 ships no types; mailparser uses it for HTML-only mail, and so do we for a text part that
// is empty or a placeholder.
declare module 'html-to-text' {
  export interface HtmlToTextOptions {
    wordwrap?: number | false | null;
    limits?: { maxDepth?: number; maxInputLength?: number; maxChildNodes?: number };
    selectors?: { selector: string; format?: string; options?: Record<string, unknown> }[];
  }
  export function htmlToText(html: string, options?: HtmlToTextOptions): string;
}
