import type { Ms } from '../../core/units.ts';
import { inlineDocumentKey, inlineFlowDocuments, type Flow } from '../../scenario/index.ts';
import type { CallTrace, TraceEvent } from '../../sim/callTrace.ts';
import {
  hasPlaceholder,
  parseTwiml,
  resolveTwimlUrl,
  type TwimlDocument,
  type TwimlVerb,
  type TwimlVerbName,
} from '../../twiml/index.ts';

/**
 * A TwiML flow as the Replay view draws it in place of a state machine: each document the flow
 * can reach, its verbs in the order they are written (a `<Gather>`'s nested verbs indented under
 * it), each with its line and a short summary; and which of those verbs a call ran when, so the
 * one at the playhead can be lit.
 */

/** One verb of a document, as a row of the diagram. */
export interface TwimlVerbRow {
  /** Unique in the diagram: the document's key and the verb's place in it, `inline:gate#2`. */
  readonly key: string;
  readonly verb: TwimlVerbName;
  readonly line: number;
  readonly column: number;
  /** 0 for a verb of `<Response>`, 1 for one nested in a `<Gather>`. */
  readonly depth: 0 | 1;
  /** The `<Gather>` it is nested in, or null. */
  readonly parentKey: string | null;
  /** Its attributes and text in a few words, e.g. `"Press any key." (twice)`. */
  readonly summary: string;
}

/** One document of the flow and its verbs; `rows` is empty for a document the app does not have. */
export interface TwimlDocumentView {
  /** The document's key: `inline:<flow id>`, a path, or a URL. */
  readonly source: string;
  readonly rows: readonly TwimlVerbRow[];
  /** False for a document a call fetched that the scenario does not hold (a webhook's). */
  readonly known: boolean;
}

export interface TwimlDiagram {
  readonly flowId: string;
  /** The first document, then the others in the order the flow's URLs reach them. */
  readonly documents: readonly TwimlDocumentView[];
}

/** The scenario's inline documents, parsed, by key (`inline:<flow id>`); those that fail are left out. */
export function parseInlineDocuments(
  flows: Readonly<Record<string, Flow>>,
): ReadonlyMap<string, TwimlDocument> {
  const parsed = new Map<string, TwimlDocument>();
  for (const [key, text] of Object.entries(inlineFlowDocuments(flows))) {
    const result = parseTwiml(text, key);
    if (result.ok) parsed.set(key, result.document);
  }
  return parsed;
}

/**
 * The documents of flow `flowId`: its first (`inline:<flowId>`) and every document the URLs in
 * them lead to (a `<Gather>` or `<Record>` action, its default the document itself, and a
 * `<Redirect>`), breadth first; a URL with `{{placeholders}}` leads to every document it can
 * become. `fetched` adds the documents a call did fetch (sources of its verbs) not reached so.
 */
export function twimlDiagram(
  flowId: string,
  documents: ReadonlyMap<string, TwimlDocument>,
  fetched: readonly string[] = [],
): TwimlDiagram {
  const order: string[] = [];
  const queue = [inlineDocumentKey(flowId)];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (order.includes(key)) continue;
    order.push(key);
    const document = documents.get(key);
    if (document) queue.push(...references(document, [...documents.keys()]));
  }
  for (const source of fetched) {
    const key = documents.has(source) ? source : withoutQuery(source);
    if (!order.includes(key)) order.push(key);
  }
  return {
    flowId,
    documents: order.map((source) => {
      const document = documents.get(source);
      return { source, rows: document ? verbRows(document) : [], known: document !== undefined };
    }),
  };
}

/** The keys of the documents a document's URLs can lead to, of those in `keys`. */
function references(document: TwimlDocument, keys: readonly string[]): string[] {
  const refs: string[] = [];
  for (const verb of document.verbs) {
    if (verb.verb === 'Redirect') refs.push(verb.url);
    if (verb.verb === 'Gather' || verb.verb === 'Record') refs.push(verb.action ?? '');
  }
  return refs.flatMap((ref) => {
    const url = withoutQuery(resolveTwimlUrl(ref, document.source));
    if (!hasPlaceholder(url)) return keys.includes(url) ? [url] : [];
    const pattern = new RegExp(
      `^${url
        .split(/\{\{[^}]*\}\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return keys.filter((key) => pattern.test(key));
  });
}

function withoutQuery(url: string): string {
  return url.split(/[?#]/, 1)[0]!;
}

/** A document's verbs in written order, each `<Gather>` followed by its nested verbs. */
export function verbRows(document: TwimlDocument): TwimlVerbRow[] {
  const rows: TwimlVerbRow[] = [];
  const row = (verb: TwimlVerb, parentKey: string | null): TwimlVerbRow => ({
    key: `${document.source}#${rows.length}`,
    verb: verb.verb,
    line: verb.line,
    column: verb.column,
    depth: parentKey === null ? 0 : 1,
    parentKey,
    summary: verbSummary(verb),
  });
  for (const verb of document.verbs) {
    const parent = row(verb, null);
    rows.push(parent);
    if (verb.verb === 'Gather')
      for (const child of verb.children) rows.push(row(child, parent.key));
  }
  return rows;
}

const SUMMARY_TEXT_CHARS = 60;

function quoted(text: string): string {
  const short =
    text.length > SUMMARY_TEXT_CHARS ? `${text.slice(0, SUMMARY_TEXT_CHARS - 1)}…` : text;
  return `"${short}"`;
}

function loops(loop: number): string {
  return loop === 1 ? '' : loop === 2 ? ' (twice)' : ` (${loop} times)`;
}

function target(action: string | null, method: string): string {
  return `${action === null ? 'this document' : action}${method === 'POST' ? '' : ` by ${method}`}`;
}

/** A verb's attributes and text in a few words, defaults left unsaid. */
export function verbSummary(verb: TwimlVerb): string {
  switch (verb.verb) {
    case 'Say':
      return `${quoted(verb.text)}${loops(verb.loop)}`;
    case 'Play':
      return `${verb.digits === null ? `media ${verb.url}` : `keys ${verb.digits}`}${loops(verb.loop)}`;
    case 'Pause':
      return `${verb.lengthSeconds} s of silence`;
    case 'Gather': {
      const parts = [
        verb.input === 'dtmf' ? null : `input ${verb.input}`,
        verb.numDigits === null ? null : `${verb.numDigits} key${verb.numDigits === 1 ? '' : 's'}`,
        verb.finishOnKey === '' ? 'no finish key' : `finish on ${verb.finishOnKey}`,
        `waits ${verb.timeoutSeconds} s`,
        `then ${target(verb.action, verb.method)}`,
        verb.actionOnEmptyResult ? 'even with no key' : null,
      ];
      return parts.filter((p) => p !== null).join(', ');
    }
    case 'Redirect':
      return `to ${target(verb.url, verb.method)}`;
    case 'Hangup':
      return 'ends the call';
    case 'Reject':
      return `refuses the call (${verb.reason})`;
    case 'Record':
      return [
        verb.playBeep ? 'beep, then records' : 'records',
        `up to ${verb.maxLengthSeconds} s`,
        `stops after ${verb.timeoutSeconds} s of silence`,
        `then ${target(verb.action, verb.method)}`,
      ].join(', ');
  }
}

/**
 * The diagram row of each verb the call ran (aligned with `trace.verbs`), or null where the
 * diagram has none. An event names a verb by document, line and name; within one fetch of a
 * document verbs run in written order, so two alike on one line are told apart by that order.
 */
export function verbRowKeys(
  events: readonly TraceEvent[],
  diagram: TwimlDiagram,
): (string | null)[] {
  const rowsOf = new Map(diagram.documents.map((d) => [d.source, d.rows]));
  const keys: (string | null)[] = [];
  let next = 0;
  let source: string | null = null;
  for (const { event } of events) {
    if (event.type === 'twiml-request') {
      next = 0;
      source = null;
    }
    if (event.type !== 'twiml-verb') continue;
    if (event.source !== source) next = 0;
    source = event.source;
    const rows = rowsOf.get(event.source) ?? rowsOf.get(withoutQuery(event.source)) ?? [];
    const matches = (row: TwimlVerbRow) => row.verb === event.verb && row.line === event.line;
    let index = rows.findIndex((row, i) => i >= next && matches(row));
    if (index < 0) index = rows.findIndex(matches);
    keys.push(index < 0 ? null : rows[index]!.key);
    if (index >= 0) next = index + 1;
  }
  return keys;
}

/**
 * The verb running at `atMs`: the index in `trace.verbs` of the last one started at or before it,
 * or -1 before the first and after the call's end.
 */
export function verbIndexAt(trace: CallTrace, atMs: Ms): number {
  if (atMs > trace.endMs) return -1;
  let index = -1;
  for (let i = 0; i < trace.verbs.length && trace.verbs[i]!.startMs <= atMs; i++) index = i;
  return index;
}
