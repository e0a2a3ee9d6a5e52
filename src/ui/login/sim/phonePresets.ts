import type { PhoneSetup } from '../../../api/index.ts';

/** How the victim's phone behaves when the bank calls: pieces of the scenario format. */
export interface PhonePreset {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly setup: PhoneSetup;
}

/** Nobody picks up: the victim is asleep, or the attacker triggers the call at night. */
const NOBODY_ANSWERS = { answerProbability: 0 };

export const PHONE_PRESETS: readonly PhonePreset[] = [
  {
    id: 'owner-answers',
    label: 'The owner answers',
    description: 'The owner is logging in, waits for the call and picks up after a few rings.',
    setup: { person: { answerProbability: 1 } },
  },
  {
    id: 'carrier-voicemail',
    label: 'Nobody answers: the carrier’s voicemail',
    description:
      'After 25 s of ringing the box plays its 6 s “not available” message, beeps and records.',
    setup: { person: NOBODY_ANSWERS },
  },
  {
    id: 'dtmf-1-greeting',
    label: 'Nobody answers: voicemail compromised, greeting presses 1',
    description:
      'The attacker guessed the PIN and re-recorded the greeting: “Hello?”, 1 s of silence, then the tone for key 1 ten times.',
    // The greeting of scenarios/night-attack-dtmf-1.json.
    setup: {
      person: NOBODY_ANSWERS,
      voicemail: {
        greeting: [
          { speech: 0.8 },
          { silence: 1 },
          { dtmf: '1', toneMs: 120, gapMs: 80, repeat: 10 },
        ],
      },
    },
  },
  {
    id: 'hello-greeting',
    label: 'Nobody answers: voicemail compromised, greeting is a short “Hello?”',
    description:
      'The attacker re-recorded the greeting as a 0.6 s “Hello?” and 3 s of silence: the shape of a person picking up.',
    // The greeting of scenarios/amd-hello-then-silence.json.
    setup: { person: NOBODY_ANSWERS, voicemail: { greeting: [{ speech: 0.6 }, { silence: 3 }] } },
  },
];

export function phonePreset(id: string): PhonePreset {
  const preset = PHONE_PRESETS.find((p) => p.id === id);
  if (!preset) {
    throw new Error(
      `unknown phone preset "${id}"; use one of ${PHONE_PRESETS.map((p) => p.id).join(', ')}`,
    );
  }
  return preset;
}
