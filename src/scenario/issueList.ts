/** One problem in a scenario: where, what was expected, what was found. */
export interface ScenarioIssue {
  /** JSONPath of the offending value, e.g. `$.voicemail.greeting[2].toneMs`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

/**
 * How many problems a report lists; the rest are counted ("… and N more problems"). Enough for
 * any file a person wrote; a generated file with a million unknown properties would otherwise
 * print a message for each (README "Authoring a scenario", Errors).
 */
export const MAX_LISTED_ISSUES = 50;

export function formatIssue(issue: ScenarioIssue): string {
  return `${issue.path}: expected ${issue.expected}, found ${issue.found}`;
}

/**
 * `Invalid scenario (N problems):` and one problem a line: at most MAX_LISTED_ISSUES of them,
 * then how many more there are. `moreIssues` counts problems found but not listed in `issues`.
 */
export function formatIssues(issues: readonly ScenarioIssue[], moreIssues = 0): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES);
  const more = moreIssues + (issues.length - listed.length);
  const total = listed.length + more;
  const lines = listed.map((i) => `  ${formatIssue(i)}`);
  if (more > 0) lines.push(`  … and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return `Invalid scenario (${total} ${total === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`;
}

/**
 * Collects problems up to MAX_LISTED_ISSUES and only counts the rest: a problem is built (its
 * message written) only if it will be listed, so the cost of a report is bounded whatever the
 * number of problems. Identical problems are listed once; those past the cap are counted without
 * being written, so without that check.
 */
export class IssueList {
  readonly #listed: ScenarioIssue[] = [];
  readonly #seen = new Set<string>();
  #more = 0;

  /** True once no further problem will be listed, only counted. */
  get full(): boolean {
    return this.#listed.length >= MAX_LISTED_ISSUES;
  }

  get listed(): readonly ScenarioIssue[] {
    return this.#listed;
  }

  /** Problems found beyond those listed. */
  get more(): number {
    return this.#more;
  }

  get size(): number {
    return this.#listed.length + this.#more;
  }

  /** Adds a problem; `build` runs only if the problem will be listed. */
  add(build: () => ScenarioIssue): void {
    if (this.full) {
      this.#more++;
      return;
    }
    const issue = build();
    const key = formatIssue(issue);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#listed.push(issue);
  }

  /** Counts `count` problems that will not be listed (the list is full). */
  count(count: number): void {
    this.#more += count;
  }
}
