/**
 * The loader's reading of TwiML flows from real folders (a temporary folder per test): a flow
 * given by a file is that file and every other .xml file in its folder tree, keyed by path
 * relative to the scenario's folder; what cannot be read or parsed is a UsageError (exit 2)
 * naming the scenario, the flow and the file.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FLOW_DOCUMENT_BYTES, MAX_FLOW_DOCUMENTS } from '../scenario/index.ts';
import { parseTwiml } from '../twiml/index.ts';
import { UsageError } from './exitCodes.ts';
import { loadScenarioFile } from './loadScenarioFile.ts';

const GATE =
  '<Response><Gather numDigits="1" finishOnKey=""><Say>Press any key.</Say></Gather></Response>';
const PRESS = '<Response><Gather action="check.xml"><Say>Press any key.</Say></Gather></Response>';
const CHECK = '<Response><Redirect>digit/digit-{{Digits}}.xml</Redirect></Response>';
const DIGIT = '<Response><Say>One.</Say></Response>';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'voice-otp-lab-flows-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Writes `files` (path relative to the folder → text or bytes) and returns nothing. */
async function writeFiles(files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), content);
  }
}

/** Writes a scenario with these flows (all listed in `strategies`) and returns its path. */
async function writeScenario(
  flows: Record<string, unknown>,
  name = 'scenario.json',
): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, JSON.stringify({ trials: 1, strategies: Object.keys(flows), flows }));
  return path;
}

/** The UsageError the load fails with. */
async function loadFailure(path: string): Promise<UsageError> {
  const error: unknown = await loadScenarioFile(path, {}, { twimlParser: parseTwiml }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('loadScenarioFile: TwiML flows', () => {
  it('reads a flow folder like a static host: the file and every .xml below its folder', async () => {
    await writeFiles({
      'flows/press-any-key.xml': PRESS,
      'flows/check.xml': CHECK,
      'flows/digit/digit-1.xml': DIGIT,
      'flows/notes.txt': 'not a document',
      'elsewhere/other.xml': DIGIT,
    });
    const path = await writeScenario({
      'press-any-key': { twiml: 'flows/press-any-key.xml' },
      'inline-gate': { twiml: GATE },
      'our-server': { url: 'http://127.0.0.1:9/voice' },
    });
    const { documents } = await loadScenarioFile(path, {}, { twimlParser: parseTwiml });
    expect(documents).toEqual({
      'inline:inline-gate': GATE,
      'flows/press-any-key.xml': PRESS,
      'flows/check.xml': CHECK,
      'flows/digit/digit-1.xml': DIGIT,
    });
  });

  it('reads a folder two flows share once, and a flow outside the scenario folder by its ../ path', async () => {
    await writeFiles({
      'scenarios/flows/a.xml': PRESS,
      'scenarios/flows/b.xml': CHECK,
      'shared/gate.xml': GATE,
    });
    const path = join(folder, 'scenarios', 'scenario.json');
    await writeFile(
      path,
      JSON.stringify({
        trials: 1,
        flows: {
          a: { twiml: 'flows/a.xml' },
          b: { twiml: './flows/b.xml' },
          shared: { twiml: '../shared/gate.xml' },
        },
      }),
    );
    const { documents } = await loadScenarioFile(path);
    expect(Object.keys(documents).sort()).toEqual([
      '../shared/gate.xml',
      'flows/a.xml',
      'flows/b.xml',
    ]);
  });

  it('follows a link back up the folder tree once, not round and round', async () => {
    await writeFiles({ 'flows/press.xml': PRESS, 'flows/sub/check.xml': CHECK });
    await symlink(join(folder, 'flows'), join(folder, 'flows', 'sub', 'up'), 'dir');
    const path = await writeScenario({ gate: { twiml: 'flows/press.xml' } });
    const { documents } = await loadScenarioFile(path);
    expect(documents).toEqual({ 'flows/press.xml': PRESS, 'flows/sub/check.xml': CHECK });
  });

  it('drops a byte order mark at the start of a document (XML 1.0 §4.3.3)', async () => {
    await writeFiles({ 'flows/press.xml': `\uFEFF${PRESS}` });
    const path = await writeScenario({ gate: { twiml: 'flows/press.xml' } });
    expect((await loadScenarioFile(path)).documents).toEqual({ 'flows/press.xml': PRESS });
  });

  it('a missing first file: exit 2 naming the scenario, the flow and the path', async () => {
    const path = await writeScenario({ gate: { twiml: 'flows/missing.xml' } });
    const error = await loadFailure(path);
    expect(error.message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected a readable TwiML document (a .xml file, relative to the scenario file), found "flows/missing.xml" (no such file: ${join(folder, 'flows', 'missing.xml')})`,
    );
  });

  it('a document the parser refuses: reported at the flow with its file, line and column', async () => {
    await writeFiles({
      'flows/press.xml': PRESS,
      'flows/check.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<Reponse>\n</Reponse>\n',
    });
    const path = await writeScenario({ gate: { twiml: 'flows/press.xml' } });
    expect((await loadFailure(path)).message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected a TwiML document, found "flows/check.xml": the root element must be <Response>, found <Reponse> at line 2, column 1 (Twilio 12102)`,
    );
  });

  it('an inline document the parser refuses: reported when the scenario is validated', async () => {
    const path = await writeScenario({ gate: { twiml: '<Gather/>' } });
    expect((await loadFailure(path)).message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected a TwiML document, found the root element must be <Response>, found <Gather> at line 1, column 1 (Twilio 12102)`,
    );
  });

  it('a document that is not UTF-8: where the first bad byte is', async () => {
    await writeFiles({
      'flows/press.xml': new Uint8Array([
        ...new TextEncoder().encode('<Response>\n<Say>Caf'),
        0xe9,
        0x3c,
      ]),
    });
    const path = await writeScenario({ gate: { twiml: 'flows/press.xml' } });
    expect((await loadFailure(path)).message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected a readable TwiML document (a .xml file, relative to the scenario file), found "flows/press.xml" (bytes that are not UTF-8 at line 2, column 9 (byte 19: 0xe9 0x3c): save the file as UTF-8)`,
    );
  });

  it(`a document of more than ${MAX_FLOW_DOCUMENT_BYTES} bytes is refused before it is read`, async () => {
    const big = `<Response><Say>${'a'.repeat(MAX_FLOW_DOCUMENT_BYTES - 32)}</Say></Response>`;
    await writeFiles({ 'flows/press.xml': PRESS, 'flows/big.xml': `${big}x` });
    const path = await writeScenario({ gate: { twiml: 'flows/press.xml' } });
    expect((await loadFailure(path)).message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected TwiML documents of at most ${MAX_FLOW_DOCUMENT_BYTES} bytes, found "flows/big.xml" of ${MAX_FLOW_DOCUMENT_BYTES + 1} bytes`,
    );
    await writeFiles({ 'flows/big.xml': big });
    expect(Object.keys((await loadScenarioFile(path)).documents)).toEqual([
      'flows/press.xml',
      'flows/big.xml',
    ]);
  });

  it(`at most ${MAX_FLOW_DOCUMENTS} documents in all`, async () => {
    const files = Object.fromEntries(
      Array.from({ length: MAX_FLOW_DOCUMENTS }, (_, i) => [
        `flows/d${String(i).padStart(3, '0')}.xml`,
        DIGIT,
      ]),
    );
    await writeFiles(files);
    const path = await writeScenario({ gate: { twiml: 'flows/d000.xml' } });
    expect(Object.keys((await loadScenarioFile(path)).documents)).toHaveLength(MAX_FLOW_DOCUMENTS);
    await writeFiles({ 'flows/z.xml': DIGIT });
    expect((await loadFailure(path)).message).toBe(
      `${path}: Invalid scenario (1 problem):\n  $.flows.gate.twiml: expected at most ${MAX_FLOW_DOCUMENTS} .xml documents in the flows' folders (keep each flow's documents in a folder of their own), found more, from "flows/z.xml" on`,
    );
  });
});
