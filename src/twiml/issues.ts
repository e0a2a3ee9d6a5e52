/**
 * Collecting a document's issues: where (the element's `<`, an attribute's name, or the first
 * character of stray text), what was expected, what was found, and Twilio's code. At most
 * MAX_TWIML_ISSUES are kept; the rest are dropped without their message being written.
 */
import type { TwimlIssue } from './document.ts';
import { MAX_TWIML_ISSUES } from './defaults.ts';
import type { RawElement } from './rawTree.ts';
import type { SourceText } from './sourceText.ts';

/** How much of a written value a message repeats. */
const MAX_SHOWN_CHARS = 40;

export class TwimlIssues {
  readonly #source: SourceText;
  readonly #issues: TwimlIssue[] = [];

  constructor(source: SourceText) {
    this.#source = source;
  }

  get list(): readonly TwimlIssue[] {
    return this.#issues;
  }

  get full(): boolean {
    return this.#issues.length >= MAX_TWIML_ISSUES;
  }

  /** An issue at `offset`; `message` is only called if the issue is kept. */
  at(offset: number, message: () => string, twilioCode: number | null): void {
    if (this.full) return;
    this.#issues.push({ ...this.#source.position(offset), message: message(), twilioCode });
  }

  /** An issue about the element as a whole, at its `<`. */
  atElement(element: RawElement, message: () => string, twilioCode: number | null): void {
    this.at(element.offset, message, twilioCode);
  }

  /** An issue about one attribute, at its name; the message starts `<Verb name="value">: `. */
  atAttribute(element: RawElement, name: string, message: string, twilioCode: number | null): void {
    const value = element.attributes.get(name) ?? '';
    this.at(
      this.#source.attributeOffset(element.offset, name),
      () => `<${element.name} ${name}=${quoted(value)}>: ${message}`,
      twilioCode,
    );
  }
}

/** A written value for a message: in double quotes, control characters escaped, long ones cut. */
export function quoted(value: string): string {
  const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
  return JSON.stringify(shown);
}

/** "A, B and C". */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
