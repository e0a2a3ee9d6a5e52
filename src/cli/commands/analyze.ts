import { readFile } from 'node:fs/promises';
import { analyzeAudio, decodeWav } from '../../audio/index.ts';
import { loadScenario } from '../../scenario/index.ts';
import { UsageError } from '../exitCodes.ts';
import { loadScenarioFile } from '../loadScenarioFile.ts';

/**
 * Runs the DTMF detector and app_amd over a WAV recording (any rate, resampled to 8 kHz) and
 * prints the digits with their times and the AMD verdict with its cause and decision time.
 */
export async function analyzeCommand(
  file: string,
  options: { json?: boolean; scenario?: string },
): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    throw new UsageError(`${file}: cannot read the recording (no such file?).`);
  }
  let decoded;
  try {
    decoded = decodeWav(bytes);
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
  // AMD parameters: the scenario's `amd` section if one is given, else Asterisk's defaults.
  const amd = (
    options.scenario ? (await loadScenarioFile(options.scenario)).scenario : loadScenario({})
  ).amd;
  const analysis = analyzeAudio(decoded.samples, amd);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(analysis, null, 2)}\n`);
    return;
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
  const lines = [
    `${file}: ${seconds(analysis.durationMs)} (${decoded.sourceSampleRateHz} Hz, ${decoded.sourceChannels} channel(s), analysed at 8 kHz)`,
    analysis.dtmf.length === 0
      ? 'DTMF: no key detected'
      : `DTMF: ${analysis.dtmf.map((k) => k.digit).join('')}`,
    ...analysis.dtmf.map((k) => `  ${k.digit}  ${seconds(k.startMs)} – ${seconds(k.endMs)}`),
    `AMD: ${analysis.amd.verdict} (${analysis.amd.cause}) after ${seconds(analysis.amd.decisionMs)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
