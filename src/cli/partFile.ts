import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeUtf8, formatIssue, parseStrictJson } from '../scenario/index.ts';
import type { ScenarioIssue } from '../scenario/index.ts';
import type { ScenarioAssets } from '../sim/greetingSource.ts';
import {
  hashOf,
  partialTalliesIssues,
  partialTalliesJson,
  type NamedPart,
  type PartialTallies,
  type Shard,
} from '../sim/partialTallies.ts';
import type { TwimlTexts } from '../sim/twimlFlows.ts';
import { UsageError } from './exitCodes.ts';

/** SHA-256 of the text's UTF-8 bytes, lowercase hex. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A shard as `--shard` spells it: "2/3". */
export function shardText(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/** The package that runs the trials, as a part file's `tool` records it (package.json). */
export async function toolInfo(): Promise<{ name: string; version: string }> {
  const text = await readFile(new URL('../../package.json', import.meta.url), 'utf8');
  const { name, version } = JSON.parse(text) as { name: string; version: string };
  return { name, version };
}

/**
 * A part file's `inputsHash`: what the trials read besides the scenario, the flows' TwiML
 * documents (text by key) and the greeting's recordings (SHA-256 of their 8 kHz samples as
 * little-endian 32-bit floats, by the path the scenario gives), so that parts run on machines
 * whose files differ do not merge.
 */
export function inputsHash(assets: ScenarioAssets, documents: TwimlTexts): string {
  const recordings: Record<string, string> = {};
  for (const [file, samples] of Object.entries(assets)) recordings[file] = sha256(le32(samples));
  return hashOf({ documents, recordings }, sha256);
}

/** The samples' bytes as little-endian floats, whatever this machine's byte order. */
function le32(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setFloat32(i * 4, samples[i]!, true);
  return bytes;
}

/**
 * Throws a UsageError (exit 2) unless the folder `path` is in can be written to: checked before a
 * shard runs, so that a run of an hour does not end in a file it cannot write.
 */
export async function checkWritable(path: string): Promise<void> {
  try {
    await access(dirname(path), constants.W_OK);
  } catch (error) {
    throw cannotWrite(path, error);
  }
}

/**
 * Writes the part file whole or not at all: to a temporary file beside it, then renamed over it
 * (rename(2) replaces the name in one step), so a reader waiting for the parts (a merge step
 * polling a shared volume) never reads half of one. A file that cannot be written is a
 * UsageError (exit 2).
 */
export async function writePartFile(path: string, part: PartialTallies): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, partialTalliesJson(part));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw cannotWrite(path, error);
  }
}

function cannotWrite(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such folder' : (code ?? String(error));
  return new UsageError(`${path}: cannot write the partial tallies (${why}).`);
}

/** How many of a file's problems a message lists; the rest are counted. */
const LISTED_PROBLEMS = 20;

/**
 * Reads and checks every part file (partialTalliesIssues), and throws one UsageError listing the
 * problems of every file that has any, each under its file name and at its JSON path.
 */
export async function readPartFiles(paths: readonly string[]): Promise<NamedPart[]> {
  const parts: NamedPart[] = [];
  const reports: string[] = [];
  for (const file of paths) {
    const read = await readPartFile(file);
    if (read.ok) parts.push({ file, part: read.part });
    else reports.push(describeProblems(file, read.issues));
  }
  if (reports.length > 0) throw new UsageError(reports.join('\n'));
  return parts;
}

type PartRead =
  | { readonly ok: true; readonly part: PartialTallies }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[] };

/**
 * One part file: its bytes decoded as UTF-8 and read as strict JSON (a name given twice, a
 * number past a double's range, a syntax error by line and column: src/scenario/strictJson.ts),
 * then checked as a partial-tallies file.
 */
async function readPartFile(file: string): Promise<PartRead> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : (code ?? String(error));
    return { ok: false, issues: [{ path: '$', expected: 'a readable file', found: why }] };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  const parsed = parseStrictJson(decoded.text);
  if (parsed.stop) return { ok: false, issues: [parsed.stop.issue] };
  if (parsed.problems.size > 0) return { ok: false, issues: parsed.problems.listed };
  const issues = partialTalliesIssues(parsed.value, sha256);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, part: parsed.value as PartialTallies };
}

function describeProblems(file: string, issues: readonly ScenarioIssue[]): string {
  const listed = issues.slice(0, LISTED_PROBLEMS).map((issue) => `  ${formatIssue(issue)}`);
  const more = issues.length - listed.length;
  if (more > 0) listed.push(`  … and ${more} more`);
  const count = `${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`;
  return `${file}: not a part this merge can use (${count}):\n${listed.join('\n')}`;
}
