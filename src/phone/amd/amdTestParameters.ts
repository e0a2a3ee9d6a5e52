import type { AmdParameters } from '../../scenario/index.ts';

/**
 * Asterisk's configs/samples/amd.conf.sample values (the settings apps/app_amd.c reads); shared
 * by the AMD tests.
 */
export const AMD_CONF_SAMPLE_DEFAULTS: AmdParameters = {
  initialSilenceMs: 2500,
  greetingMs: 1500,
  afterGreetingSilenceMs: 800,
  totalAnalysisTimeMs: 5000,
  minimumWordLengthMs: 100,
  betweenWordsSilenceMs: 50,
  maximumNumberOfWords: 2,
  silenceThreshold: 256,
  maximumWordLengthMs: 5000,
  onMachine: 'hangup',
  onNotSure: 'human',
};

export function amdParameters(overrides: Partial<AmdParameters> = {}): AmdParameters {
  return { ...AMD_CONF_SAMPLE_DEFAULTS, ...overrides };
}
