/**
 * A call sounds and reads the same everywhere: its tones are defined once (src/audio/dtmfTones.ts,
 * src/audio/callProgressTones.ts), its mix and cues once (src/sim/callSound.ts), its words once
 * (src/sim/callWording.ts). This looks through the source, comments aside, for a second copy.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const source = /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts');
    return source ? [path] : [];
  });
}

/** The code of a file without its comments (roughly: block comments and `//` to the line's end). */
function codeOf(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FILES = sourceFiles(SRC).map((path) => ({
  file: path.slice(SRC.length),
  code: codeOf(path),
}));

const DEFINITIONS: Array<{ what: string; pattern: RegExp; homes: readonly string[] }> = [
  {
    what: 'the ringback frequencies (440 + 480 Hz)',
    pattern: /\b440\b.*\b480\b/,
    homes: ['audio/callProgressTones.ts'],
  },
  {
    what: 'a ringback, beep or service-gain constant',
    // Not the engine's shared event and agenda objects (BEEP_EVENT, BEEP_ITEM): they are no sound.
    pattern:
      /\b(const|let)\s+(?![A-Z_]*_(EVENT|ITEM)\b)[A-Z_]*(RINGBACK|BEEP|SERVICE_GAIN)[A-Z_]*\b/,
    homes: ['audio/callProgressTones.ts', 'sim/callSound.ts'],
  },
  {
    what: 'a beep frequency written out',
    pattern: /beep\w*\s*[:=]\s*1_?000\b/i,
    homes: [],
  },
  {
    what: 'the DTMF group frequencies (ITU-T Q.23)',
    pattern: /\b(697|770|852|941|1209|1336|1477|1633)\b/,
    homes: ['audio/dtmfTones.ts'],
  },
  {
    what: 'the prompt’s wording, as said',
    pattern: /press \$\{[^`]*hear your code/i,
    homes: ['sim/callWording.ts'],
  },
  {
    what: 'the readout’s wording, as said',
    pattern: /code is:? \$\{/,
    // verifyService.ts words the SMS (Somleng's "message" template), not the call.
    homes: ['sim/callWording.ts', 'api/verifyService.ts'],
  },
];

describe('one definition of how a call sounds and what it says', () => {
  it('finds the definitions where they live', () => {
    const found = (pattern: RegExp) => FILES.filter((f) => pattern.test(f.code)).map((f) => f.file);
    expect(found(DEFINITIONS[0]!.pattern)).toEqual(['audio/callProgressTones.ts']);
    expect(found(/press \$\{[^`]*hear your code/i)).toContain('sim/callWording.ts');
    expect(found(/code is:? \$\{/)).toContain('sim/callWording.ts');
  });

  for (const { what, pattern, homes } of DEFINITIONS) {
    it(`has no second copy of ${what}`, () => {
      const copies = FILES.filter((f) => pattern.test(f.code) && !homes.includes(f.file));
      expect(copies.map((f) => f.file)).toEqual([]);
    });
  }
});
