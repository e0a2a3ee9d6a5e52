/** The scenarios shipped in scenarios/, as their JSON text, keyed by file name without .json. */
const files = import.meta.glob<string>('../../../scenarios/*.json', {
  eager: true,
  query: '?raw',
  import: 'default',
});

export interface BundledScenario {
  readonly id: string;
  readonly name: string;
  readonly text: string;
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('.schema.json'))
  .map(([path, text]) => {
    const id = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    const name = (JSON.parse(text) as { name?: string }).name ?? id;
    return { id, name, text };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The scenario the app opens with: the night attack with a DTMF "1" greeting. */
export const DEFAULT_SCENARIO_ID = 'night-attack-dtmf-1';

export function bundledScenario(id: string): BundledScenario | undefined {
  return BUNDLED_SCENARIOS.find((s) => s.id === id);
}
