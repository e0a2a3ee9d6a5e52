/**
 * `{{Name}}` placeholders, filled per request as TwiML Bins fill them. A TwiML Bin is a
 * Handlebars template whose names are the request's parameters: `{{From}}`, `{{ Body }}` (spaces
 * inside the braces are allowed; https://www.twilio.com/docs/serverless/twiml-bins). A name the
 * request does not carry renders as the empty string (Handlebars follows Mustache: "Failed
 * context lookups should default to empty strings",
 * https://github.com/mustache/spec/blob/master/specs/interpolation.yml). Only plain names are
 * filled; block helpers and comments (`{{#if}}`, `{{/if}}`, `{{!…}}`) are left as written.
 *
 * No escaping. Handlebars HTML-escapes a `{{Name}}` value (`&` → `&amp;`, `<` → `&lt;`, …;
 * https://handlebarsjs.com/guide/expressions.html#html-escaping) because a TwiML Bin fills the
 * template before Twilio parses the XML, and the XML parser then decodes those references back
 * to the value's characters. The simulator parses the document once and fills the decoded
 * strings (text and URLs) per request, so the value goes in as it is: the same characters the
 * Bin's TwiML ends up with. `{{{Name}}}` (Handlebars' unescaped form) is filled the same way; in a
 * Bin a value holding markup would change the document, here it stays text.
 */

/** `{{{ Name }}}` or `{{ Name }}`: group 1 or 2 is the name. */
const PLACEHOLDER =
  /\{\{\{[ \t]*([^\s{}#/^!>&][^\s{}]*)[ \t]*\}\}\}|\{\{[ \t]*([^\s{}#/^!>&][^\s{}]*)[ \t]*\}\}/g;

/** `template` with each `{{Name}}` replaced by `params[Name]`, or '' when there is none. */
export function fillPlaceholders(
  template: string,
  params: Readonly<Record<string, string>>,
): string {
  if (!template.includes('{{')) return template;
  return template.replace(
    PLACEHOLDER,
    (_match, triple: string | undefined, double: string | undefined) => {
      const name = triple ?? double ?? '';
      return Object.hasOwn(params, name) ? params[name]! : '';
    },
  );
}

/** The names `template` uses, each once, in the order they first appear. */
export function placeholderNames(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1] ?? match[2]!);
  return [...names];
}

const ONE_PLACEHOLDER = new RegExp(PLACEHOLDER.source);

/** Whether `text` holds a placeholder (and so is only known per request). */
export function hasPlaceholder(text: string): boolean {
  return text.includes('{{') && ONE_PLACEHOLDER.test(text);
}
