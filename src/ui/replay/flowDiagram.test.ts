import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../flows/index.ts';
import { STRATEGY_IDS } from '../../scenario/index.ts';
import { flowDiagram } from './flowDiagram.ts';

const column = (diagram: ReturnType<typeof flowDiagram>, id: string) =>
  diagram.nodes.find((n) => n.id === id)!.x;

describe('flowDiagram', () => {
  it('draws one box per state of every flow, starting from ringing', () => {
    for (const strategy of STRATEGY_IDS) {
      const diagram = flowDiagram(FLOWS[strategy]);
      expect(diagram.nodes.map((n) => n.id)).toEqual(Object.keys(FLOWS[strategy].root.states));
      expect(diagram.nodes.find((n) => n.initial)?.id).toBe('ringing');
      expect(diagram.fromAnyState).toEqual(['HANGUP → ended']);
    }
  });

  it('puts states in columns by distance from ringing, the final state last', () => {
    const diagram = flowDiagram(FLOWS['static-prompt']);
    const [ringing, prompting, awaiting, reading, ended] = [
      'ringing',
      'prompting',
      'awaitingInput',
      'reading',
      'ended',
    ].map((id) => column(diagram, id));
    expect(ringing).toBeLessThan(prompting!);
    expect(prompting).toBeLessThan(awaiting!);
    expect(awaiting).toBe(reading);
    expect(ended).toBeGreaterThan(reading!);
    expect(diagram.nodes.find((n) => n.id === 'ended')?.final).toBe(true);
  });

  it('labels edges with their events and guards, merging events between the same states', () => {
    const diagram = flowDiagram(FLOWS.amd);
    const detectingToEnded = diagram.edges.find((e) => e.from === 'detecting' && e.to === 'ended');
    expect(detectingToEnded?.labels).toEqual(['AMD_RESULT [isMachine]', 'AMD_RESULT']);
    const toBeep = diagram.edges.find((e) => e.to === 'awaitingBeep');
    expect(toBeep?.labels).toEqual(['AMD_RESULT [isMachine and leavesCodeForMachines]']);
  });

  it('fits every box inside its width and height', () => {
    for (const strategy of STRATEGY_IDS) {
      const diagram = flowDiagram(FLOWS[strategy]);
      for (const node of diagram.nodes) {
        expect(node.x + 128).toBeLessThanOrEqual(diagram.width);
        expect(node.y + 40).toBeLessThanOrEqual(diagram.height);
      }
    }
  });
});
