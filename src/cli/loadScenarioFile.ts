import { parseTwiml } from '../twiml/index.ts';
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { decodeWav } from '../audio/index.ts';
import {
  decodeUtf8,
  documentIssues,
  formatIssues,
  greetingAudioSegments,
  inlineFlowDocuments,
  MAX_FLOW_DOCUMENT_BYTES,
  MAX_FLOW_DOCUMENTS,
  MAX_FLOW_FOLDER_ENTRIES,
  parseScenarioBytes,
  ScenarioError,
  twimlFileFlows,
  unreadableAudioIssue,
  unreadableDocumentIssue,
  type FlowDocuments,
  type Scenario,
  type ScenarioIssue,
  type TwimlFileFlow,
  type TwimlParser,
} from '../scenario/index.ts';
import { recordedScenarioIssues, type ScenarioAssets } from '../sim/greetingSource.ts';
import { applyOverrides, type RunOverrides } from '../sim/runPlan.ts';
import { UsageError } from './exitCodes.ts';

/** A scenario with the audio files its greeting names and its flows' TwiML documents. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** The greeting's recordings, read as 8 kHz mono, by the path written in the scenario. */
  readonly assets: ScenarioAssets;
  /**
   * The `twiml` flows' documents, text by key (scenario/flowDocuments.ts): each file flow's
   * first file and the other `.xml` files in its folder tree by path relative to the scenario's
   * folder (`flows/check.xml`), each inline document by `inline:<flow id>`. The engine parses
   * each once per run; a `url` flow has none until its webhook answers.
   */
  readonly documents: FlowDocuments;
}

/** How to load. */
export interface LoadOptions {
  /** Parses each TwiML document: src/twiml's `parseTwiml` unless a test passes another. */
  readonly twimlParser?: TwimlParser;
}

/**
 * Reads and validates a scenario file, then applies command-line overrides and validates again,
 * then reads the greeting's audio files (paths relative to the scenario file; the rule is in
 * scenario/greetingAudio.ts) and checks the greeting's bounds and the run's size with their
 * lengths counted, then reads the flows' TwiML documents (readFlowDocuments); problems become a
 * UsageError naming the file.
 */
export async function loadScenarioFile(
  path: string,
  overrides: RunOverrides = {},
  options: LoadOptions = {},
): Promise<LoadedScenario> {
  let bytes: Uint8Array;
  try {
    // Bytes, not text: reading as 'utf8' would turn bytes that are not UTF-8 into U+FFFD without
    // a word; parseScenarioBytes refuses them, and a byte order mark, saying where.
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read the scenario (${readFailure(error)}).`);
  }
  const result = parseScenarioBytes(bytes, options);
  if (!result.ok) {
    throw new UsageError(`${path}: ${formatIssues(result.issues, result.moreIssues)}`);
  }
  let scenario: Scenario;
  try {
    scenario = applyOverrides(result.scenario, overrides);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new UsageError(
      `${path} with the command-line options: ${formatIssues(error.issues, error.moreIssues)}`,
    );
  }
  const assets = await loadGreetingAudio(path, scenario);
  return { scenario, assets, documents: await readFlowDocuments(path, scenario, options) };
}

async function loadGreetingAudio(
  scenarioPath: string,
  scenario: Scenario,
): Promise<ScenarioAssets> {
  const assets: Record<string, Float32Array> = {};
  const problems: ScenarioIssue[] = [];
  for (const segment of greetingAudioSegments(scenario.voicemail.greeting)) {
    if (segment.file in assets) continue;
    const file = resolve(dirname(scenarioPath), segment.file);
    const problem = (why: string) => problems.push(unreadableAudioIssue(segment, why));
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      problem(`${readFailure(error)}: ${file}`);
      continue;
    }
    try {
      assets[segment.file] = decodeWav(bytes).samples;
    } catch (error) {
      problem((error as Error).message);
    }
  }
  if (problems.length === 0) problems.push(...recordedScenarioIssues(scenario, assets));
  if (problems.length > 0) {
    throw new UsageError(`${scenarioPath}: ${formatIssues(problems)}`);
  }
  return assets;
}

/** Why a file could not be read, in a few words. */
function readFailure(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
}

/** A document's key: its path relative to the scenario's folder, with forward slashes. */
function documentKey(base: string, file: string): string {
  return relative(base, file).split(sep).join('/');
}

/**
 * Reads the `twiml` flows' documents. A flow given by a file is a folder served like a static
 * host: its first file (relative to the scenario file; missing, the load fails naming the flow)
 * and every other `.xml` file in that file's folder and the folders below, so that
 * `action="check.xml"` and `action="digit-{{Digits}}.xml"` find theirs. The reading is bounded:
 * at most MAX_FLOW_DOCUMENTS files of at most MAX_FLOW_DOCUMENT_BYTES each, MAX_FLOW_FOLDER_ENTRIES
 * folder entries looked at, and each folder read once (a symbolic link back up the tree is not
 * followed again). Each document is decoded as UTF-8 (a byte order mark is dropped, XML 1.0
 * §4.3.3) and, with a parser, parsed; every problem is reported at the flow's `twiml` with the
 * file and line.
 */
async function readFlowDocuments(
  scenarioPath: string,
  scenario: Scenario,
  options: LoadOptions,
): Promise<FlowDocuments> {
  const reader = new FlowFolderReader(resolve(dirname(scenarioPath)));
  for (const flow of twimlFileFlows(scenario.flows)) await reader.readFlow(flow);
  const problems = [...reader.problems];
  if (problems.length === 0) {
    const parser = options.twimlParser ?? parseTwiml;
    for (const [key, { text, flow }] of reader.documents)
      problems.push(...documentIssues(flow.flowId, parser(text, key), key));
  }
  if (problems.length > 0) throw new UsageError(`${scenarioPath}: ${formatIssues(problems)}`);
  const documents: Record<string, string> = { ...inlineFlowDocuments(scenario.flows) };
  for (const [key, { text }] of reader.documents) documents[key] = text;
  return documents;
}

/** Reads the documents of the file flows, within the bounds, collecting what goes wrong. */
class FlowFolderReader {
  /** Document text and the first flow that reached it, by key. */
  readonly documents = new Map<string, { readonly text: string; readonly flow: TwimlFileFlow }>();
  readonly problems: ScenarioIssue[] = [];
  readonly #foldersRead = new Set<string>();
  #entries = 0;
  /** A bound was passed: nothing more is read. */
  #stopped = false;

  constructor(private readonly base: string) {}

  /** The flow's first file, then the `.xml` files in its folder tree. */
  async readFlow(flow: TwimlFileFlow): Promise<void> {
    if (this.#stopped) return;
    const first = resolve(this.base, flow.file);
    if (!(await this.readDocument(flow, first, flow.key))) return;
    await this.readFolder(flow, dirname(first));
  }

  /** Reads one document unless it is already read; false when it could not be. */
  private async readDocument(flow: TwimlFileFlow, file: string, key: string): Promise<boolean> {
    if (this.documents.has(key)) return true;
    if (this.documents.size >= MAX_FLOW_DOCUMENTS) {
      this.#stopped = true;
      this.problems.push({
        path: flow.path,
        expected: `at most ${MAX_FLOW_DOCUMENTS} .xml documents in the flows' folders (keep each flow's documents in a folder of their own)`,
        found: `more, from ${JSON.stringify(key)} on`,
      });
      return false;
    }
    let bytes: Uint8Array;
    try {
      const { size } = await stat(file);
      if (size > MAX_FLOW_DOCUMENT_BYTES) {
        this.problems.push({
          path: flow.path,
          expected: `TwiML documents of at most ${MAX_FLOW_DOCUMENT_BYTES} bytes`,
          found: `${JSON.stringify(key)} of ${size} bytes`,
        });
        return false;
      }
      bytes = await readFile(file);
    } catch (error) {
      this.problems.push(unreadableDocumentIssue(flow, key, `${readFailure(error)}: ${file}`));
      return false;
    }
    const decoded = decodeUtf8(bytes);
    if (!decoded.ok) {
      this.problems.push(unreadableDocumentIssue(flow, key, decoded.issue.found));
      return false;
    }
    this.documents.set(key, { text: decoded.text.replace(/^\uFEFF/, ''), flow });
    return true;
  }

  /** Every `.xml` file in `folder` and the folders below it, each folder once. */
  private async readFolder(flow: TwimlFileFlow, folder: string): Promise<void> {
    let entries: Dirent[];
    try {
      const real = await realpath(folder);
      if (this.#foldersRead.has(real)) return;
      this.#foldersRead.add(real);
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      const key = documentKey(this.base, folder) || '.';
      this.problems.push(unreadableDocumentIssue(flow, key, `${readFailure(error)}: ${folder}`));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (this.#stopped) return;
      if (++this.#entries > MAX_FLOW_FOLDER_ENTRIES) {
        this.#stopped = true;
        this.problems.push({
          path: flow.path,
          expected: `at most ${MAX_FLOW_FOLDER_ENTRIES} files and folders in the flows' folders (keep each flow's documents in a folder of their own)`,
          found: `more, in ${JSON.stringify(documentKey(this.base, folder) || '.')}`,
        });
        return;
      }
      const path = join(folder, entry.name);
      // A link is followed to what it names; a folder reached twice is read once.
      const kind = entry.isSymbolicLink() ? await stat(path).catch(() => null) : entry;
      if (kind?.isDirectory()) await this.readFolder(flow, path);
      else if (kind?.isFile() && /\.xml$/i.test(entry.name))
        await this.readDocument(flow, path, documentKey(this.base, path));
    }
  }
}
