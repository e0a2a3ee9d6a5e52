/**
 * Reading one attribute's value: absent (the caller's default applies), valid (its value), or an
 * issue (reported here; the caller's default stands in, as the document is refused anyway).
 * Values are compared as written: TwiML is case-sensitive (`GET`, `true`), and white space around
 * a number is not trimmed. Placeholders are filled per request only in text and URL attributes
 * (placeholders.ts); anywhere else a `{{Name}}` cannot be checked, so it is an issue.
 */
import type { TwimlMethod } from './document.ts';
import { type TwimlIssues, listed, quoted } from './issues.ts';
import { hasPlaceholder } from './placeholders.ts';
import type { RawElement } from './rawTree.ts';
import { TWILIO_CODES } from './twilioCodes.ts';

/** The element being read and where its issues go. */
export interface ElementContext {
  readonly element: RawElement;
  readonly issues: TwimlIssues;
}

/** What a value must be, in words, and Twilio's code for a value that is not. */
export interface Rule {
  readonly expected: string;
  readonly code: number | null;
}

/** Namespace declarations are XML's, not TwiML attributes. */
const isNamespaceDeclaration = (name: string) => name === 'xmlns' || name.startsWith('xmlns:');

/**
 * Reports each attribute `known` does not name: Twilio ignores unknown attributes with a schema
 * warning (12200, https://www.twilio.com/docs/api/errors/12200); the simulator refuses them so
 * that a misspelt attribute is not silently run with its default.
 */
export function reportUnknownAttributes(
  { element, issues }: ElementContext,
  known: readonly string[],
): void {
  for (const name of element.attributes.keys()) {
    if (known.includes(name) || isNamespaceDeclaration(name)) continue;
    const guess = closest(name, known);
    const hint = guess
      ? ` (did you mean ${guess}?)`
      : known.length === 0
        ? ''
        : ` (it has ${listed(known)})`;
    issues.atAttribute(
      element,
      name,
      `<${element.name}> has no attribute ${name}${hint}`,
      TWILIO_CODES.schemaWarning,
    );
  }
}

/** The value as written, or undefined; a placeholder in it is an issue. */
function checkedValue(context: ElementContext, name: string): string | undefined {
  const value = context.element.attributes.get(name);
  if (value === undefined || !hasPlaceholder(value)) return value;
  context.issues.atAttribute(
    context.element,
    name,
    `${name} holds a placeholder, which is filled per call and so cannot be checked; ` +
      'placeholders are filled only in text and URLs (action, Play and Redirect URLs)',
    null,
  );
  return undefined;
}

function invalid(context: ElementContext, name: string, rule: Rule, value: string): undefined {
  context.issues.atAttribute(
    context.element,
    name,
    `${name} must be ${rule.expected}, found ${quoted(value)}`,
    rule.code,
  );
  return undefined;
}

/** A whole number from `min` to `max` (decimal digits only). */
export function readInteger(
  context: ElementContext,
  name: string,
  rule: Rule & { readonly min: number; readonly max?: number },
): number | undefined {
  const value = checkedValue(context, name);
  if (value === undefined) return undefined;
  const number = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  const inRange =
    Number.isSafeInteger(number) && number >= rule.min && number <= (rule.max ?? Infinity);
  return inRange ? number : invalid(context, name, rule, value);
}

/** One of `choices`, exactly as written. */
export function readChoice<T extends string>(
  context: ElementContext,
  name: string,
  choices: readonly T[],
  rule: Rule,
): T | undefined {
  const value = checkedValue(context, name);
  if (value === undefined) return undefined;
  return (choices as readonly string[]).includes(value)
    ? (value as T)
    : invalid(context, name, rule, value);
}

/** `true` or `false`. */
export function readBoolean(
  context: ElementContext,
  name: string,
  code: number | null,
): boolean | undefined {
  const value = readChoice(context, name, ['true', 'false'], { expected: 'true or false', code });
  return value === undefined ? undefined : value === 'true';
}

/** `GET` or `POST` (https://www.twilio.com/docs/voice/twiml/gather#method and the like). */
export function readMethod(
  context: ElementContext,
  name: string,
  code: number,
): TwimlMethod | undefined {
  return readChoice<TwimlMethod>(context, name, ['GET', 'POST'], { expected: 'GET or POST', code });
}

/** A value matching `pattern` (a whole-string test). */
export function readPattern(
  context: ElementContext,
  name: string,
  pattern: RegExp,
  rule: Rule,
): string | undefined {
  const value = checkedValue(context, name);
  if (value === undefined) return undefined;
  return pattern.test(value) ? value : invalid(context, name, rule, value);
}

/** Free text the simulator only keeps (a voice, a language); no placeholder. */
export function readText(context: ElementContext, name: string): string | undefined {
  return checkedValue(context, name);
}

/** A URL as written, placeholders unfilled (resolved per request, resolveUrl.ts). */
export function readUrl({ element }: ElementContext, name: string): string | undefined {
  return element.attributes.get(name);
}

/**
 * The known name `written` most likely meant: the same but for letter case, or one edit away for
 * every three letters written (at most two). Null when none is that close (or the name is too
 * long to be a typo of one).
 */
export function closest(written: string, known: readonly string[]): string | null {
  if (written.length > 40) return null;
  const lower = written.toLowerCase();
  const sameCase = known.find((name) => name.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | null = null;
  let bestDistance = Math.min(2, Math.max(1, Math.floor(written.length / 3))) + 1;
  for (const name of known) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length]!;
}
