import { isInlineTwiml } from '../../scenario/index.ts';

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
  /**
   * It declares a flow of .xml files or a webhook: the command line runs it, the app refuses it
   * (state/appRules.ts), so the picker says so.
   */
  readonly commandLineOnly: boolean;
}

interface BundledJson {
  readonly name?: string;
  readonly flows?: Readonly<Record<string, { readonly twiml?: unknown }>>;
}

/** A flow the app cannot run: a webhook, or a `twiml` that is a file's path. */
function declaresFileOrWebhookFlow(json: BundledJson): boolean {
  return Object.values(json.flows ?? {}).some(
    (flow) => typeof flow.twiml !== 'string' || !isInlineTwiml(flow.twiml),
  );
}

export const BUNDLED_SCENARIOS: readonly BundledScenario[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('.schema.json'))
  .map(([path, text]) => {
    const id = path.slice(path.lastIndexOf('/') + 1, -'.json'.length);
    const json = JSON.parse(text) as BundledJson;
    return {
      id,
      name: json.name ?? id,
      text,
      commandLineOnly: declaresFileOrWebhookFlow(json),
    };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

/** The scenario the app opens with: the night attack with a DTMF "1" greeting. */
export const DEFAULT_SCENARIO_ID = 'night-attack-dtmf-1';

export function bundledScenario(id: string): BundledScenario | undefined {
  return BUNDLED_SCENARIOS.find((s) => s.id === id);
}
