import { z } from 'zod';
import { ScenarioSchema } from './schema.ts';

/** The published JSON Schema (2020-12) of the scenario format, describing the input with defaults. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'voice-otp-lab scenario',
  };
}

export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
