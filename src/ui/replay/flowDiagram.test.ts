import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../flows/index.ts';
import { STRATEGY_IDS } from '../../scenario/index.ts';
import {
  flowDiagram,
  sampleSegment,
  type Box,
  type FlowDiagram,
  type Point,
} from './flowDiagram.ts';

const column = (diagram: FlowDiagram, id: string) => diagram.nodes.find((n) => n.id === id)!.x;

const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (p: Point, b: Box) =>
  p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

const edgePoints = (edge: FlowDiagram['edges'][number]) =>
  edge.segments.flatMap((s) => sampleSegment(s, 64));

/** Every built-in flow at the on-screen and the presenter label size. */
const LAYOUTS = STRATEGY_IDS.flatMap((strategy) =>
  [12, 18].map((px) => ({
    name: `${strategy} at ${px} px`,
    diagram: flowDiagram(FLOWS[strategy], px),
  })),
);

describe('flowDiagram', () => {
  it('draws one box per state of every flow, starting from ringing', () => {
    for (const strategy of STRATEGY_IDS) {
      const diagram = flowDiagram(FLOWS[strategy]);
      expect(diagram.nodes.map((n) => n.id)).toEqual(Object.keys(FLOWS[strategy].root.states));
      expect(diagram.nodes.find((n) => n.initial)?.id).toBe('ringing');
      expect(diagram.fromAnyState).toEqual(['the other end hangs up → ended']);
    }
  });

  it('puts states in layers by the longest path from ringing, the final state last', () => {
    const diagram = flowDiagram(FLOWS['static-prompt']);
    const xs = ['ringing', 'prompting', 'awaitingInput', 'reading', 'ended'].map((id) =>
      column(diagram, id),
    );
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(5);
    expect(diagram.nodes.find((n) => n.id === 'ended')?.final).toBe(true);
  });

  it('labels edges in words, one line per transition between the same two states', () => {
    const diagram = flowDiagram(FLOWS.amd);
    const edge = (from: string, to: string) =>
      diagram.edges.find((e) => e.from === from && e.to === to)!;
    expect(edge('detecting', 'ended').conditions).toEqual(['machine', 'not sure']);
    expect(edge('detecting', 'ended').phrases).toEqual(['machine → hang up', 'not sure → hang up']);
    expect(edge('detecting', 'ended').identifiers).toEqual([
      'AMD_RESULT [isMachine]',
      'AMD_RESULT [otherwise]',
    ]);
    expect(edge('detecting', 'awaitingBeep').phrases).toEqual([
      'machine, leave code → wait for the beep',
    ]);
    expect(edge('ringing', 'ended').conditions).toEqual(['no answer']);
    const random = flowDiagram(FLOWS['random-digit']);
    const reprompt = random.edges.find((e) => e.from === 'awaitingInput' && e.to === 'prompting')!;
    expect(reprompt.back).toBe(true);
    expect(reprompt.phrases).toEqual(['timeout → re-ask']);
    expect(random.edges.find((e) => e.from === 'prompting' && e.to === 'ended')!.phrases).toEqual([
      'wrong key → hang up',
    ]);
    const reask = random.edges.find((e) => e.from === 'awaitingInput' && e.to === 'reasking')!;
    expect(reask.phrases).toEqual(['wrong key, tries left → re-ask (wrong key)']);
    expect(reask.identifiers).toEqual(['DTMF [canReaskAfterWrongKey]']);
    expect(random.edges.find((e) => e.from === 'reasking' && e.to === 'reading')!.phrases).toEqual([
      'right key → read the code',
    ]);
  });

  it('keeps the main path on the row of the states', () => {
    const diagram = flowDiagram(FLOWS['static-prompt']);
    const rowY = diagram.nodes[0]!.y + diagram.nodes[0]!.height / 2;
    for (const key of ['ringing→prompting', 'prompting→awaitingInput', 'reading→ended']) {
      const label = diagram.edges.find((e) => e.key === key)!.label;
      expect(label.y + label.height / 2).toBe(rowY);
    }
  });

  for (const { name, diagram } of LAYOUTS) {
    describe(name, () => {
      it('overlaps no two edge labels', () => {
        const labels = diagram.edges.map((e) => e.label);
        for (let i = 0; i < labels.length; i++)
          for (let j = i + 1; j < labels.length; j++)
            expect(
              intersects(labels[i]!, labels[j]!),
              `${diagram.edges[i]!.key} and ${diagram.edges[j]!.key}`,
            ).toBe(false);
      });

      it("runs no edge through another edge's label or through a state box", () => {
        for (const edge of diagram.edges) {
          const points = edgePoints(edge);
          for (const other of diagram.edges.filter((o) => o !== edge))
            expect(
              points.filter((p) => inside(p, other.label)),
              `${edge.key} through the label of ${other.key}`,
            ).toEqual([]);
          for (const node of diagram.nodes)
            expect(
              points.filter((p) => inside(p, node)),
              `${edge.key} through ${node.id}`,
            ).toEqual([]);
        }
      });

      it('puts no label on a state box, and everything inside the canvas', () => {
        for (const edge of diagram.edges)
          for (const node of diagram.nodes) expect(intersects(edge.label, node)).toBe(false);
        for (const box of [...diagram.nodes, ...diagram.edges.map((e) => e.label)]) {
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.y).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(diagram.width);
          expect(box.y + box.height).toBeLessThanOrEqual(diagram.height);
        }
      });

      it('starts each edge on its source box and ends it on its target box', () => {
        for (const edge of diagram.edges) {
          const from = diagram.nodes.find((n) => n.id === edge.from)!;
          const to = diagram.nodes.find((n) => n.id === edge.to)!;
          const start = edge.segments[0]!.points[0];
          const end = edge.segments.at(-1)!.points.at(-1)!;
          expect(start.x).toBe(edge.back ? from.x : from.x + from.width);
          expect(end.x).toBe(edge.back ? to.x + to.width : to.x);
          expect(start.y).toBeGreaterThan(from.y);
          expect(start.y).toBeLessThan(from.y + from.height);
          expect(end.y).toBeGreaterThan(to.y);
          expect(end.y).toBeLessThan(to.y + to.height);
        }
      });
    });
  }
});
