import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './index.ts';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.ts';

const SCHEMA_URL = new URL('../../scenarios/scenario.schema.json', import.meta.url);

interface SchemaNode {
  readonly [keyword: string]: unknown;
  readonly properties?: Record<string, SchemaNode>;
  readonly required?: readonly string[];
}

interface PropertyEntry {
  /** Where the property sits in the schema document, e.g. `properties.person/properties.answerDelaySeconds`. */
  readonly location: string;
  readonly name: string;
  readonly schema: SchemaNode;
  readonly required: boolean;
}

/** Every entry of every `properties` map in the schema, however deeply nested. */
function propertyEntries(node: unknown, location = ''): PropertyEntry[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node))
    return node.flatMap((child, i) => propertyEntries(child, `${location}[${i}]`));
  const schema = node as SchemaNode;
  const entries: PropertyEntry[] = [];
  for (const [keyword, child] of Object.entries(schema)) {
    if (keyword === 'properties') {
      for (const [name, property] of Object.entries(child as Record<string, SchemaNode>)) {
        const here = `${location}/properties.${name}`;
        entries.push({
          location: here,
          name,
          schema: property,
          required: schema.required?.includes(name) ?? false,
        });
        entries.push(...propertyEntries(property, here));
      }
    } else {
      entries.push(...propertyEntries(child, `${location}/${keyword}`));
    }
  }
  return entries;
}

/**
 * Optional properties whose absence means something, so they have no default: the editor hint
 * `$schema`, the `min` / `max` of an expectation (absent = unbounded), a DTMF segment's
 * levelDbfs and twistDb (they fall back to the scenario's `signal` settings), and a flow's
 * machineDetection and sendDigits (absent = none, as in the Calls API), the scenario's `sweep`
 * (absent = none) and a sweep threshold's `some` and `every` (it has exactly one of them).
 */
const OPTIONAL_WITHOUT_DEFAULT = new Set([
  '$schema',
  'min',
  'max',
  'levelDbfs',
  'twistDb',
  'machineDetection',
  'sendDigits',
  'sweep',
  'some',
  'every',
]);

/**
 * Required properties outside a union branch: a sweep's dimensions and each dimension's path and
 * grid, and a sweep threshold's strategy. A sweep is written whole or not at all (the scenario's
 * `sweep` is optional); no default could stand for the field to vary.
 */
const REQUIRED_IN_A_SWEEP =
  /^\/properties\.sweep\/properties\.(vary|expect)(\/items\/properties\.(path|from|to|step|strategy))?$/;

/** Properties the schema may leave undescribed (none: every field documents itself). */
const KNOWN_UNDESCRIBED: string[] = [];

describe('the published JSON Schema', () => {
  it('is exactly what the zod source generates (regenerate with `npm run schema`, never edit by hand)', () => {
    expect(readFileSync(SCHEMA_URL, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('declares JSON Schema draft 2020-12 and forbids unknown top-level properties', () => {
    const schema = scenarioJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.title).toBe('voice-otp-lab scenario');
  });

  it('describes every property', () => {
    const undescribed = propertyEntries(scenarioJsonSchema())
      .filter(
        (entry) =>
          typeof entry.schema.description !== 'string' || entry.schema.description.length === 0,
      )
      .map((entry) => entry.name);
    expect([...new Set(undescribed)]).toEqual(KNOWN_UNDESCRIBED);
  });

  it('gives every optional property a default', () => {
    const withoutDefault = propertyEntries(scenarioJsonSchema())
      .filter(
        (entry) =>
          !entry.required &&
          !('default' in entry.schema) &&
          !OPTIONAL_WITHOUT_DEFAULT.has(entry.name),
      )
      .map((entry) => entry.location);
    expect(withoutDefault).toEqual([]);
  });

  it('leaves defaults out only where a union branch requires the property', () => {
    const requiredWithoutDefault = propertyEntries(scenarioJsonSchema()).filter(
      (entry) => entry.required && !('default' in entry.schema),
    );
    // e.g. "speech" in { "speech": s }, "kind" in a code policy, "median" in a lognormal.
    for (const entry of requiredWithoutDefault.filter(
      (e) => !REQUIRED_IN_A_SWEEP.test(e.location),
    )) {
      expect(entry.location, `${entry.location} is required outside a union branch`).toMatch(
        /\/(anyOf|oneOf)\[\d+\]/,
      );
    }
    expect(requiredWithoutDefault.length).toBeGreaterThan(0);
  });

  it('has top-level defaults that validate to the same values as leaving the field out', () => {
    const properties = scenarioJsonSchema().properties as Record<string, SchemaNode>;
    const fromEmpty = loadScenario({});
    for (const [name, property] of Object.entries(properties)) {
      if (!('default' in property)) continue;
      const scenario = loadScenario({ [name]: structuredClone(property.default) });
      expect(scenario[name as keyof typeof scenario], name).toEqual(
        fromEmpty[name as keyof typeof fromEmpty],
      );
    }
  });
});
