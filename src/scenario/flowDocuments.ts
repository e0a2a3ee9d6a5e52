/**
 * A flow's TwiML documents, as the scenario names them. A `twiml` flow's documents are known
 * before the run: inline, the text in the scenario; from a file, the file and every other `.xml`
 * file in its folder tree, read by the command line (cli/loadScenarioFile.ts) and served like a
 * static host (`action="check.xml"` beside `flows/press.xml` is `flows/check.xml`). A `url`
 * flow's documents come from its webhook during the run.
 *
 * Documents are keyed:
 * - from a file, by its path relative to the scenario file's folder, with forward slashes and
 *   without "." segments: `flows/check.xml` (normalizeFlowPath);
 * - inline, by `inline:<flow id>` (inlineDocumentKey), a key no path can take (a path has no
 *   ":", schema.ts).
 *
 * What runs where mirrors greetingAudio.ts: the command line reads files and calls webhooks;
 * the app has neither, so it takes inline documents only (flowInAppIssues).
 *
 * The TwiML parser (src/twiml) is passed in (TwimlParser), so this file does not depend on
 * which parser runs.
 */
import type { ParsedTwiml, TwimlIssue } from '../twiml/document.ts';
import type { ScenarioIssue } from './issueList.ts';
import { isInlineTwiml, type Flow, type TwimlFlow } from './flowSchema.ts';
import { jsonPath } from './jsonPath.ts';

/** Parses one document; `source` names it in the document (its key). */
export type TwimlParser = (text: string, source: string) => ParsedTwiml;

/** Document texts by key (file paths relative to the scenario's folder, `inline:<flow id>`). */
export type FlowDocuments = Readonly<Record<string, string>>;

/** The key of a flow's inline document. */
export function inlineDocumentKey(flowId: string): string {
  return `inline:${flowId}`;
}

/**
 * A relative path in the form documents are keyed by: forward slashes, no empty or "." segment,
 * each ".." applied to the segment before it (kept at the start, where the path leaves the
 * scenario's folder). `./flows//a/../press.xml` is `flows/press.xml`.
 */
export function normalizeFlowPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..')
      segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** A `twiml` flow whose first document is a file. */
export interface TwimlFileFlow {
  readonly flowId: string;
  /** The path as written. */
  readonly file: string;
  /** The key of the first document (normalizeFlowPath of `file`). */
  readonly key: string;
  /** JSONPath of the `twiml` property, `$.flows.<id>.twiml`. */
  readonly path: string;
}

/** A flow of documents (inline or files); the other kind is a `url` flow, a webhook. */
export function isTwimlFlow(flow: Flow): flow is TwimlFlow {
  return 'twiml' in flow;
}

/** The flows whose first document is a file, in the order `flows` declares them. */
export function twimlFileFlows(flows: Readonly<Record<string, Flow>>): TwimlFileFlow[] {
  return Object.entries(flows).flatMap(([flowId, flow]) =>
    isTwimlFlow(flow) && !isInlineTwiml(flow.twiml)
      ? [
          {
            flowId,
            file: flow.twiml,
            key: normalizeFlowPath(flow.twiml),
            path: jsonPath(['flows', flowId, 'twiml']),
          },
        ]
      : [],
  );
}

/** The inline documents, by `inline:<flow id>`. */
export function inlineFlowDocuments(flows: Readonly<Record<string, Flow>>): FlowDocuments {
  const documents: Record<string, string> = {};
  for (const [flowId, flow] of Object.entries(flows)) {
    if (isTwimlFlow(flow) && isInlineTwiml(flow.twiml))
      documents[inlineDocumentKey(flowId)] = flow.twiml;
  }
  return documents;
}

/** The key of the document a flow starts with, or null for a `url` flow. */
export function firstDocumentKey(flowId: string, flow: Flow): string | null {
  if (!isTwimlFlow(flow)) return null;
  return isInlineTwiml(flow.twiml) ? inlineDocumentKey(flowId) : normalizeFlowPath(flow.twiml);
}

/** `<message> at line L, column C (Twilio 12100)`: one problem the parser found. */
export function twimlIssueText(issue: TwimlIssue): string {
  const code = issue.twilioCode === null ? '' : ` (Twilio ${issue.twilioCode})`;
  return `${issue.message} at line ${issue.line}, column ${issue.column}${code}`;
}

/**
 * What the parser found wrong with one document, each problem an issue at the flow's `twiml`
 * (`$.flows.<id>.twiml`); `file` names the document when it is not the inline text itself.
 */
export function documentIssues(
  flowId: string,
  parsed: ParsedTwiml,
  file: string | null = null,
): ScenarioIssue[] {
  if (parsed.ok) return [];
  const where = file === null ? '' : `${JSON.stringify(file)}: `;
  return parsed.issues.map((issue) => ({
    path: jsonPath(['flows', flowId, 'twiml']),
    expected: 'a TwiML document',
    found: `${where}${twimlIssueText(issue)}`,
  }));
}

/** Each inline document parsed, and what is wrong with it. */
export function inlineDocumentIssues(
  flows: Readonly<Record<string, Flow>>,
  parse: TwimlParser,
): ScenarioIssue[] {
  return Object.entries(inlineFlowDocuments(flows)).flatMap(([key, text]) => {
    const flowId = key.slice(inlineDocumentKey('').length);
    return documentIssues(flowId, parse(text, key));
  });
}

/** The command line could not read a flow's document; `why` says what happened. */
export function unreadableDocumentIssue(
  flow: TwimlFileFlow,
  file: string,
  why: string,
): ScenarioIssue {
  return {
    path: flow.path,
    expected: 'a readable TwiML document (a .xml file, relative to the scenario file)',
    found: `${JSON.stringify(file)} (${why})`,
  };
}

/**
 * What the app cannot run although the command line can: a flow whose documents are files (the
 * page has no files next to the scenario) or a webhook (the page makes no requests). Reported
 * like any other problem, at the flow's `twiml` or `url`.
 */
export function flowInAppIssues(flows: Readonly<Record<string, Flow>>): ScenarioIssue[] {
  return Object.entries(flows).flatMap(([flowId, flow]): ScenarioIssue[] => {
    if (!isTwimlFlow(flow))
      return [
        {
          path: jsonPath(['flows', flowId, 'url']),
          expected:
            'a flow with an inline "twiml" document in the app (a webhook flow runs in the command line, which requests the URL)',
          found: JSON.stringify(flow.url),
        },
      ];
    if (isInlineTwiml(flow.twiml)) return [];
    return [
      {
        path: jsonPath(['flows', flowId, 'twiml']),
        expected:
          'an inline TwiML document in the app (a flow of .xml files runs in the command line, which reads them relative to the scenario file; here, paste the document into "twiml")',
        found: JSON.stringify(flow.twiml),
      },
    ];
  });
}
