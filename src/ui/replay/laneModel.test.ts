import { describe, expect, it } from 'vitest';
import { callTrace } from '../../sim/callTrace.ts';
import { replayTrial } from '../../sim/replay.ts';
import { DTMF_1_BOX } from '../../sim/testing/dtmfOneBox.ts';
import { compiledWith } from '../../sim/testing/scenarioWith.ts';
import { laneModel, type LaneItem } from './laneModel.ts';

function lanes(strategy: 'static-prompt' | 'naive', kind: 'attack' | 'legit') {
  const compiled = compiledWith(DTMF_1_BOX);
  return laneModel(callTrace(replayTrial(compiled, strategy, kind, 0), 0));
}
const lane = (all: ReturnType<typeof lanes>, id: string) => all.find((l) => l.id === id)!.items;
const labels = (items: readonly LaneItem[]) => items.map((i) => i.label);

describe('laneModel', () => {
  const attack = lanes('static-prompt', 'attack');

  it('draws the lanes of an attack call, the attacker last', () => {
    expect(attack.map((l) => l.id)).toEqual([
      'flow',
      'line',
      'service',
      'readouts',
      'person',
      'greeting',
      'dtmf',
      'voicemail',
      'attacker',
    ]);
  });

  it('says in words which readouts were recorded, and marks them for the page', () => {
    const readouts = lane(attack, 'readouts');
    expect(labels(readouts)).toEqual(['1: not recorded', '2: recorded', '3: recorded']);
    expect(readouts.map((r) => r.data?.recorded)).toEqual(['false', 'true', 'true']);
    expect(readouts.map((r) => r.style)).toEqual([
      'readout',
      'readout-recorded',
      'readout-recorded',
    ]);
  });

  it("ends the attacker's lane with the code typed and the service's verdict", () => {
    const [listening, typed] = lane(attack, 'attacker');
    expect(listening).toMatchObject({ kind: 'span', startMs: 38_840, endMs: 68_840 });
    expect(typed).toMatchObject({ kind: 'marker', atMs: 68_840, style: 'accepted' });
    expect(typed!.label).toMatch(/^✓ types \d{6}: accepted$/);
    expect(typed!.data).toEqual({ submission: 'attacker', accepted: 'true' });
  });

  it('names the prompt cut short by the tone, the greeting parts, and the beep and recording', () => {
    expect(labels(lane(attack, 'service'))).toEqual(['"press 1" (cut short)']);
    expect(labels(lane(attack, 'greeting'))).toEqual(['speech', 'silence', 'tones']);
    expect(labels(lane(attack, 'voicemail'))).toEqual(['beep', 'recording']);
    expect(labels(lane(attack, 'line'))).toEqual([
      'ringing',
      'answered by voicemail',
      'ended by service (done)',
    ]);
  });

  it("puts the owner's key press and typed code in the person's lane, with no attacker lane", () => {
    const legit = lanes('static-prompt', 'legit');
    expect(legit.map((l) => l.id)).not.toContain('attacker');
    expect(labels(lane(legit, 'person'))).toEqual([
      'on the line',
      '"Hello?"',
      'presses 1',
      'types the code',
      expect.stringMatching(/^✓ types \d{6}: accepted$/),
    ]);
    expect(lane(legit, 'readouts').map((r) => r.label)).toEqual([
      '1: heard',
      '2: heard',
      '3: heard',
    ]);
  });
});

describe('laneModel of a random digit that re-asks after a wrong key', () => {
  const compiled = compiledWith({
    service: { promptDigits: '2', wrongKeyRetries: 2 },
    voicemail: { greeting: [{ speech: 0.5 }, { dtmf: '0123456789', toneMs: 120, gapMs: 80 }] },
    attacker: { attempts: 1 },
  });
  const service = lane(
    laneModel(callTrace(replayTrial(compiled, 'random-digit', 'attack', 0), 0)),
    'service',
  );

  it('labels each re-ask as the same prompt again after a wrong key, and says its words', () => {
    expect(labels(service)).toEqual([
      '"press 2" (cut short)',
      '"press 2" again (wrong key) (cut short)',
      '"press 2" again (wrong key) (cut short)',
    ]);
    expect(service[1]!.title).toMatch(
      /^prompt "That was not the right key\. Press 2 to hear your code\.", /,
    );
  });
});

describe('laneModel of a TwiML flow', () => {
  const READ_CODE =
    '<Response><Say>Your code is {{Code}}.</Say><Pause/><Say>Again, {{Code}}.</Say><Hangup/></Response>';
  const gate = (prompt: string) =>
    `<Response><Gather numDigits="1" finishOnKey="" timeout="15" action="inline:read-code"><Say>${prompt}</Say></Gather></Response>`;
  function twimlTrace(flows: Record<string, { twiml: string }>, kind: 'attack' | 'legit') {
    const compiled = compiledWith({
      ...DTMF_1_BOX,
      strategies: ['gate'],
      flows: { ...flows, 'read-code': { twiml: READ_CODE } },
    });
    return callTrace(replayTrial(compiled, 'gate', kind, 0), 0);
  }

  it("draws the service's sounds: each Say's words, and the pause", () => {
    const trace = twimlTrace({ gate: { twiml: gate('Press any key to continue.') } }, 'legit');
    const service = lane(laneModel(trace), 'service');
    expect(labels(service)).toEqual([
      '"Press any key to continue."',
      `"Your code is ${trace.code}."`,
      'pause',
      `"Again, ${trace.code}."`,
    ]);
    expect(service.map((i) => i.style)).toEqual(['say', 'say', 'pause', 'say']);
    expect(service[0]).toMatchObject({
      kind: 'span',
      startMs: 6000,
      endMs: 7667,
      shortLabel: 'say',
      title: 'says "Press any key to continue.", 6.00 s to 7.67 s',
      data: { sound: 'say', 'cut-short': 'false' },
    });
  });

  it('marks a Say cut short by the greeting’s tone, as a prompt is', () => {
    const prompt =
      'Hi, this is your bank calling with a verification code. Press any key to continue.';
    const trace = twimlTrace({ gate: { twiml: gate(prompt) } }, 'attack');
    const [first] = lane(laneModel(trace), 'service');
    // The greeting's first "1" sounds at 26.8 s and is reported 40 ms later.
    expect(first).toMatchObject({
      startMs: 25_000,
      endMs: 26_840,
      label: `"${prompt}" (cut short)`,
      title: `says "${prompt}", 25.00 s to 26.84 s, cut short`,
      data: { sound: 'say', 'cut-short': 'true' },
    });
  });

  it('names the keys a Play sends and the media it plays', () => {
    const trace = twimlTrace(
      { gate: { twiml: '<Response><Play digits="12"/><Play>https://e.x/a.mp3</Play></Response>' } },
      'legit',
    );
    const service = lane(laneModel(trace), 'service');
    expect(labels(service)).toEqual(['plays keys 12', 'plays https://e.x/a.mp3']);
    expect(service.map((i) => i.style)).toEqual(['sent-tones', 'media']);
  });
});
