import { writeFile } from 'node:fs/promises';
import { scenarioJsonSchemaText } from '../scenario/jsonSchema.ts';

/** Regenerates scenarios/scenario.schema.json from the zod source (a test checks it is current). */
const target = new URL('../../scenarios/scenario.schema.json', import.meta.url);
await writeFile(target, scenarioJsonSchemaText());
process.stdout.write(`wrote ${target.pathname}\n`);
