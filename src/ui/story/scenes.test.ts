import { describe, expect, it } from 'vitest';
import type { Scenario, StrategyId } from '../../scenario/index.ts';
import type { CallTrace } from '../../sim/callTrace.ts';
import type { CompiledScenario } from '../../sim/compile.ts';
import { summarizeTally, type StrategyResult } from '../../sim/results.ts';
import { StrategyTally } from '../../sim/strategyTally.ts';
import { runLegitTrial } from '../../sim/trial.ts';
import {
  campaignChance,
  clock,
  deadAirAfterHelloMs,
  firstHeldCallIndex,
  NIST_PSTN_RESTRICTED,
  percent,
  perCallKeyChance,
  prepareScene,
  seconds,
  STORY_SCENES,
  superscript,
  type PreparedScene,
} from './scenes.ts';

const prepared = STORY_SCENES.map(prepareScene);
const byTitle = (prefix: string): { scene: (typeof STORY_SCENES)[number]; p: PreparedScene } => {
  const i = STORY_SCENES.findIndex((s) => s.title.startsWith(prefix));
  if (i < 0) throw new Error(`no scene titled "${prefix}…"`);
  return { scene: STORY_SCENES[i]!, p: prepared[i]! };
};

/** The owner's side of a scenario as Compare reports it, from its own seed and trial count. */
function legitResult(compiled: CompiledScenario, scenario: Scenario, strategy: StrategyId) {
  const tally = new StrategyTally();
  for (let i = 0; i < scenario.trials; i++) tally.addLegit(runLegitTrial(compiled, strategy, i));
  return summarizeTally(tally, 0);
}

const medianText = (r: StrategyResult) => `${r.legitMedianSecondsToCode!.toFixed(1)} s`;

/** The keys a scenario's voicemail greeting plays. */
const greetingKeys = (scenario: Scenario) =>
  new Set(scenario.voicemail.greeting.flatMap((seg) => ('dtmf' in seg ? [...seg.dtmf] : [])));

const intercepted = (t: CallTrace) =>
  t.answeredBy === 'voicemail' &&
  t.readouts.some((r) => r.recorded) &&
  t.submission?.by === 'attacker' &&
  t.submission.accepted;

/** The box answered and the call hung up at the key prompt: no readout before the hang-up. */
const hungUpBeforeTheCode = (t: CallTrace) =>
  t.answeredBy === 'voicemail' && t.hangupReason === 'wrong-digit' && t.readouts.length === 0;

describe('the training story', () => {
  it('has nine scenes, each with a title and one or two sentences', () => {
    expect(STORY_SCENES.map((s) => s.title)).toEqual([
      'The normal flow: the owner answers',
      'The unanswered call lands in voicemail',
      '"Press 1" beaten by a recorded tone',
      "AMD's delay, and a short greeting that fools it",
      'The random digit',
      'The attacker calls again: campaigns and the send limit',
      'What AMD costs owners: dead air',
      'What a key costs owners: wrong keys',
      'What to deploy, and why',
    ]);
    for (const scene of STORY_SCENES) {
      const sentences = scene.sentence.split(/(?<=[.!?])\s+(?=[A-Z"])/);
      expect(sentences.length, scene.title).toBeGreaterThanOrEqual(1);
      expect(sentences.length, scene.title).toBeLessThanOrEqual(2);
    }
  });

  it('picks for every scene the first trial that shows what it says, the same on every run', () => {
    STORY_SCENES.forEach((scene, i) => {
      const p = prepared[i]!;
      expect(scene.representative(p.replay.outcome), scene.title).toBe(true);
      expect(prepareScene(scene).replay.trialIndex, scene.title).toBe(p.replay.trialIndex);
      expect(p.traces[p.shownCallIndex], scene.title).toBeDefined();
      expect(scene.figure?.(p) ?? 'This', scene.title).toMatch(/^(This|1 − )/);
    });
  });

  it('scene 1: the owner answers, hears the code and types it in', () => {
    const { p } = byTitle('The normal flow');
    const t = p.traces[0]!;
    expect(t.answeredBy).toBe('person');
    expect(t.readouts.every((r) => r.heardByPerson)).toBe(true);
    expect(t.submission).toMatchObject({ by: 'owner', accepted: true });
  });

  it('scenes 2 to 4: the code is read into the recording and the attacker types it in', () => {
    for (const prefix of ['The unanswered call', '"Press 1"', "AMD's delay"]) {
      const { p } = byTitle(prefix);
      expect(intercepted(p.traces[0]!), prefix).toBe(true);
    }
    const voicemail = byTitle('The unanswered call').p;
    expect(voicemail.scenario.voicemail.pickupAfterSeconds).toBe(25);
    expect(voicemail.traces[0]!.answeredAtMs).toBe(25_000);
    const recorded = voicemail.traces[0]!.readouts.filter((r) => r.recorded);
    expect(recorded.every((r) => r.startMs >= voicemail.traces[0]!.beep!.endMs)).toBe(true);
    const pressOne = byTitle('"Press 1"').p.traces[0]!;
    expect(pressOne.expectedDigit).toBe('1');
    expect(pressOne.tones.some((t) => t.from === 'voicemail' && t.reportedAtMs !== null)).toBe(
      true,
    );
    const amd = byTitle("AMD's delay").p.traces[0]!;
    expect(amd.amd?.verdict).toBe('HUMAN');
    expect(amd.amd!.endMs).toBeGreaterThan(amd.amd!.startMs);
  });

  it('scene 5: every call of the night hangs up before the code is said', () => {
    const { p } = byTitle('The random digit');
    expect(greetingKeys(p.scenario)).toEqual(new Set(['1']));
    expect(p.traces).toHaveLength(p.scenario.attacker.attempts);
    for (const t of p.traces) {
      expect(t.expectedDigit).not.toBe('1');
      expect(hungUpBeforeTheCode(t)).toBe(true);
      expect(t.submission).toBeNull();
    }
  });

  it('scene 6: the send limit holds the sixth call, and a later call is intercepted', () => {
    const { scene, p } = byTitle('The attacker calls again');
    const { scenario } = p;
    const chance = perCallKeyChance(scenario);
    const limit = scenario.service.maxSendsPer10Minutes;
    expect(chance).toBe(0.1);
    expect(limit).toBe(5);
    expect(campaignChance(chance, limit)).toBeCloseTo(1 - 0.9 ** 5, 15);
    expect(percent(campaignChance(chance, limit))).toBe('41.0%');
    expect([superscript(limit), superscript(scenario.attacker.attempts)]).toEqual(['⁵', '¹⁰']);
    expect(scene.sentence).toContain(`${limit} codes per 10 minutes`);
    expect(scene.sentence).toContain(`1-in-${1 / chance} chance`);
    // The sixth call: its retry would fall at 5:00, the limit holds it until 10:00.
    const held = firstHeldCallIndex(scenario)!;
    expect(held).toBe(5);
    expect(p.traces[held]!.placedAtMs).toBe(600_000);
    expect(p.traces[held - 1]!.placedAtMs + scenario.attacker.retrySeconds * 1000).toBeLessThan(
      600_000,
    );
    expect(clock(p.traces[held]!.placedAtMs)).toBe('10:00');
    expect(p.shownCallIndex).toBeGreaterThan(held - 1);
    const won = p.traces[p.shownCallIndex]!;
    expect(intercepted(won)).toBe(true);
    expect(won.expectedDigit).toBe('1');
    expect(greetingKeys(scenario)).toEqual(new Set(['1']));
    for (const t of p.traces.slice(0, p.shownCallIndex)) expect(hungUpBeforeTheCode(t)).toBe(true);
    expect(scene.figure!(p)).toContain(
      '1 − 0.9⁵ = 41.0% in 10 minutes, 1 − 0.9¹⁰ = 65.1% over 10 calls.',
    );
  });

  it("scenes 7 and 8: the owners' costs are the engine's figures for the scenario and seed", () => {
    const deadAir = byTitle('What AMD costs owners');
    const { scenario, compiled } = deadAir.p;
    const amd = legitResult(compiled, scenario, 'amd');
    const naive = legitResult(compiled, scenario, 'naive');
    expect(deadAir.scene.sentence).toContain(
      `Over this scenario's ${scenario.trials.toLocaleString('en-US')} owner calls the median time to a typed code is ${medianText(amd)} with AMD against ${medianText(naive)} when the code is read at once.`,
    );
    const t = deadAir.p.traces[0]!;
    expect(t.amd?.verdict).toBe('HUMAN');
    expect(t.prompts).toEqual([]);
    expect(deadAirAfterHelloMs(t)).toBeGreaterThan(0);
    expect(t.readouts[0]!.startMs).toBe(t.amd!.endMs);
    expect(deadAir.scene.figure!(deadAir.p)).toBe(
      `This call: ${seconds(t.readouts[0]!.startMs - t.personHello!.endMs)} of silence after the owner's "Hello?", ${seconds(t.amd!.endMs - t.answeredAtMs!)} from picking up to the first word.`,
    );

    const wrongKey = byTitle('What a key costs owners');
    const randomDigit = legitResult(compiled, scenario, 'random-digit');
    expect(wrongKey.p.scenario).toEqual(scenario);
    expect(wrongKey.scene.sentence).toContain(
      `about 1 in ${Math.round(1 / scenario.person.keypressErrorRate)} presses the wrong one`,
    );
    expect(wrongKey.scene.sentence).toContain(
      `In this scenario ${percent(randomDigit.abandonRate)} of owners never got their code`,
    );
    const w = wrongKey.p.traces[0]!;
    const pressed = w.tones.filter((tone) => tone.from === 'person');
    expect(pressed).toHaveLength(1);
    expect(pressed[0]!.digit).not.toBe(w.expectedDigit);
    expect(w.answeredBy).toBe('person');
    expect(w.readouts).toEqual([]);
    expect(w.hangupReason).toBe('wrong-digit');
  }, 120_000);

  it('scene 9: the owner presses the asked key and gets the code; NIST is cited', () => {
    const { scene, p } = byTitle('What to deploy');
    const t = p.traces[0]!;
    const pressed = t.tones.filter((tone) => tone.from === 'person');
    expect(pressed.map((tone) => tone.digit)).toEqual([t.expectedDigit]);
    expect(t.submission).toMatchObject({ by: 'owner', accepted: true });
    expect(scene.sentence).toContain(`a 1-in-${1 / perCallKeyChance(p.scenario)} chance a call`);
    expect(scene.citation).toBe(NIST_PSTN_RESTRICTED);
    expect(NIST_PSTN_RESTRICTED.url).toBe('https://pages.nist.gov/800-63-3/sp800-63b.html');
  });
});
