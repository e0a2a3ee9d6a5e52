import type { AnyStateMachine } from 'xstate';
import {
  conditionWords,
  consequenceWords,
  transitionIdentifier,
  type TransitionName,
} from './edgeWords.ts';

/**
 * A call flow machine as a diagram, read from the machine itself so it cannot drift from the flow.
 * States sit in one row of layers, left to right by the longest path from the initial state (the
 * final state last). Between two layers runs a column for edge labels. Every edge keeps to one
 * horizontal track (a row) from the label column next to its source to the layer before its
 * target, and a track holds one item per column, so a label can only lie on its own edge: labels
 * never overlap and no edge runs through another's label. Edges bend only in the gaps between
 * columns, where nothing else is drawn.
 */

export interface DiagramNode {
  readonly id: string;
  readonly final: boolean;
  readonly initial: boolean;
  /** What the service does in this state ("read the code"), or the id when it has no words. */
  readonly words: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A box on the canvas: left, top, width, height. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A piece of an edge: a straight line or a cubic Bézier curve, from its first point. */
export type Segment =
  | { readonly kind: 'line'; readonly points: readonly [Point, Point] }
  | { readonly kind: 'cubic'; readonly points: readonly [Point, Point, Point, Point] };

export interface DiagramEdge {
  /** Unique: `from→to`. */
  readonly key: string;
  readonly from: string;
  readonly to: string;
  /** Back to a state met earlier (a re-prompt): drawn right to left. */
  readonly back: boolean;
  /** The conditions in words, one per line of the label ("human", "not sure, as human"). */
  readonly conditions: readonly string[];
  /** Each transition in full words, "wrong key → hang up". */
  readonly phrases: readonly string[];
  /** Each transition as the machine names it, "DTMF [isExpectedDigit]". */
  readonly identifiers: readonly string[];
  readonly segments: readonly Segment[];
  /** SVG path of the segments. */
  readonly path: string;
  /** The label's box; its text lines are centred in it. */
  readonly label: Box;
}

export interface FlowDiagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Machine-level transitions that apply in every state, in words: "the other end hangs up → ended". */
  readonly fromAnyState: readonly string[];
  readonly width: number;
  readonly height: number;
  /** Label and state text size the layout was made for, px. */
  readonly fontPx: number;
  /** Height of one line of label text, px. */
  readonly lineHeight: number;
}

/**
 * Text widths are estimated, not measured, so the layout stays pure: an upper bound for the
 * proportional label font (em per character) and the monospace state names.
 */
const LABEL_EM_PER_CHAR = 0.58;
const MONO_EM_PER_CHAR = 0.62;

interface Transition extends TransitionName {
  readonly from: string;
  readonly to: string;
}

/** A guard's names: "isHuman", or each of xstate's and() guards. */
function guardNames(guard: unknown): string[] {
  if (guard === undefined || guard === null) return [];
  if (typeof guard === 'string') return [guard];
  const { type, guards } = guard as { type?: string; guards?: readonly unknown[] };
  if (guards) return guards.flatMap(guardNames);
  return [type ?? 'guard'];
}

type StateNodeLike = AnyStateMachine['root'];

function transitionsOf(from: string, node: StateNodeLike): Transition[] {
  const found: Transition[] = [];
  for (const [event, transitions] of node.transitions) {
    let guarded = false;
    for (const transition of transitions) {
      const guards = guardNames(transition.guard);
      const fallback = guards.length === 0 && guarded;
      guarded ||= guards.length > 0;
      for (const target of transition.target ?? [])
        found.push({ from, to: target.key, event, guards, fallback });
    }
  }
  return found;
}

/** Every transition between the machine's top-level states, in declaration order. */
export function machineTransitions(machine: AnyStateMachine): Transition[] {
  return Object.entries(machine.root.states).flatMap(([from, node]) => transitionsOf(from, node));
}

/** The machine's own transitions, taken from any state. */
export function rootTransitions(machine: AnyStateMachine): Transition[] {
  return transitionsOf('', machine.root);
}

/** Layers by longest path from the initial state over forward edges; final states last. */
function layers(machine: AnyStateMachine, transitions: readonly Transition[]) {
  const states = Object.values(machine.root.states);
  const ids = states.map((s) => s.key);
  const initial = machine.root.initial?.target[0]?.key ?? ids[0]!;
  const next = (id: string) => [
    ...new Set(transitions.filter((t) => t.from === id).map((t) => t.to)),
  ];
  // Back edges: to a state on the depth-first path that reached the source.
  const back = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string, path: string[]) => {
    seen.add(id);
    for (const to of next(id)) {
      if (path.includes(to) || to === id) back.add(`${id}→${to}`);
      else if (!seen.has(to)) visit(to, [...path, to]);
    }
  };
  visit(initial, [initial]);
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  // Longest path: relax forward edges as often as there are states (the graph without back edges
  // is acyclic).
  for (let round = 0; round < ids.length; round++) {
    for (const t of transitions) {
      if (back.has(`${t.from}→${t.to}`) || t.from === t.to) continue;
      layer.set(t.to, Math.max(layer.get(t.to)!, layer.get(t.from)! + 1));
    }
  }
  const finals = states.filter((s) => s.type === 'final').map((s) => s.key);
  const lastInner = Math.max(
    0,
    ...ids.filter((id) => !finals.includes(id)).map((id) => layer.get(id)!),
  );
  for (const id of finals) layer.set(id, Math.max(layer.get(id)!, lastInner + 1));
  return { layer, back, initial };
}

interface PlannedEdge {
  readonly from: string;
  readonly to: string;
  readonly back: boolean;
  readonly transitions: readonly Transition[];
  readonly conditions: readonly string[];
  /** Column holding the label, and the columns the track crosses (inclusive). */
  readonly labelColumn: number;
  readonly first: number;
  readonly last: number;
  row: number;
}

/**
 * The machine's diagram with text `fontPx` high (SVG labels and state names alike, from
 * `--svg-label`): 12 on screen, 18 in presenter mode.
 */
export function flowDiagram(machine: AnyStateMachine, fontPx = 12): FlowDiagram {
  const transitions = machineTransitions(machine).filter((t) => t.from !== t.to);
  const { layer, back, initial } = layers(machine, transitions);
  const lineHeight = Math.ceil(fontPx * 1.2);
  const pad = Math.round(fontPx / 2);
  const gap = Math.round(fontPx * 1.25);
  const margin = Math.round(fontPx / 2);
  const rowGap = Math.round(fontPx / 3);
  const labelWidth = (text: string) => Math.ceil(text.length * fontPx * LABEL_EM_PER_CHAR);

  // State nodes, several in a layer taking rows 0, 1, …
  const states = Object.values(machine.root.states);
  const nodeHeight = lineHeight + pad;
  const nodeWidth = (id: string) => Math.ceil(id.length * fontPx * MONO_EM_PER_CHAR) + 2 * pad;
  const layerCount = Math.max(...layer.values()) + 1;
  const columns = 2 * layerCount - 1;
  const occupied = Array.from({ length: columns }, () => new Set<number>());
  const nodeRow = new Map<string, number>();
  for (const state of states) {
    const column = 2 * layer.get(state.key)!;
    nodeRow.set(state.key, occupied[column]!.size);
    occupied[column]!.add(occupied[column]!.size);
  }

  // Edges: one per pair of states, its conditions one per line.
  const grouped = new Map<string, Transition[]>();
  for (const t of transitions)
    grouped.set(`${t.from}→${t.to}`, [...(grouped.get(`${t.from}→${t.to}`) ?? []), t]);
  const planned: PlannedEdge[] = [...grouped.entries()].map(([key, group]) => {
    const { from, to } = group[0]!;
    const a = layer.get(from)!;
    const b = layer.get(to)!;
    const isBack = back.has(key) || b < a;
    const conditions = [...new Set(group.map((t) => conditionWords(t) ?? transitionIdentifier(t)))];
    return isBack
      ? {
          from,
          to,
          back: true,
          transitions: group,
          conditions,
          labelColumn: 2 * a - 1,
          first: 2 * b + 1,
          last: 2 * a - 1,
          row: 0,
        }
      : {
          from,
          to,
          back: false,
          transitions: group,
          conditions,
          labelColumn: 2 * a + 1,
          first: 2 * a + 1,
          last: 2 * b - 1,
          row: 0,
        };
  });
  // Short edges first, so the main path stays on the row of the states.
  const byLength = [...planned].sort((p, q) => p.last - p.first - (q.last - q.first));
  for (const edge of byLength) {
    let row = 0;
    const columnsCrossed = Array.from(
      { length: edge.last - edge.first + 1 },
      (_, i) => edge.first + i,
    );
    while (columnsCrossed.some((c) => occupied[c]!.has(row))) row += 1;
    for (const c of columnsCrossed) occupied[c]!.add(row);
    edge.row = row;
  }

  // Column widths and x positions.
  const widths = Array.from({ length: columns }, (_, c) =>
    c % 2 === 0
      ? Math.max(...states.filter((s) => 2 * layer.get(s.key)! === c).map((s) => nodeWidth(s.key)))
      : Math.max(
          0,
          ...planned
            .filter((e) => e.labelColumn === c)
            .flatMap((e) => e.conditions.map(labelWidth)),
        ) + pad,
  );
  const left: number[] = [];
  widths.forEach((w, c) => left.push(c === 0 ? margin : left[c - 1]! + widths[c - 1]! + gap));
  const right = (c: number) => left[c]! + widths[c]!;

  // Row heights and y positions.
  const rowCount = Math.max(1, ...occupied.map((rows) => Math.max(0, ...rows) + 1));
  const rowHeight = Array.from({ length: rowCount }, (_, r) =>
    Math.max(
      [...nodeRow.values()].includes(r) ? nodeHeight : 0,
      ...planned.filter((e) => e.row === r).map((e) => e.conditions.length * lineHeight + 2),
      lineHeight,
    ),
  );
  const top: number[] = [];
  rowHeight.forEach((h, r) =>
    top.push(r === 0 ? margin : top[r - 1]! + rowHeight[r - 1]! + rowGap),
  );
  const middle = (r: number) => top[r]! + rowHeight[r]! / 2;

  const nodes: DiagramNode[] = states.map((state) => {
    const c = 2 * layer.get(state.key)!;
    const width = widths[c]!;
    return {
      id: state.key,
      final: state.type === 'final',
      initial: state.key === initial,
      words: consequenceWords(state.key, false) ?? state.key,
      x: left[c]!,
      y: middle(nodeRow.get(state.key)!) - nodeHeight / 2,
      width,
      height: nodeHeight,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Where edges meet a node's side: spread down the side in the order of their tracks.
  const attach = new Map<string, number>();
  const sides = new Map<string, PlannedEdge[]>();
  for (const edge of planned) {
    const out = `${edge.from}:${edge.back ? 'left' : 'right'}`;
    const into = `${edge.to}:${edge.back ? 'right' : 'left'}`;
    sides.set(out, [...(sides.get(out) ?? []), edge]);
    sides.set(into, [...(sides.get(into) ?? []), edge]);
  }
  for (const [side, edges] of sides) {
    const node = byId.get(side.split(':')[0]!)!;
    [...edges]
      .sort((p, q) => p.row - q.row)
      .forEach((edge, i) =>
        attach.set(
          `${side}|${edge.from}→${edge.to}`,
          node.y + ((i + 1) * node.height) / (edges.length + 1),
        ),
      );
  }

  const edges: DiagramEdge[] = planned.map((edge) => {
    const from = byId.get(edge.from)!;
    const to = byId.get(edge.to)!;
    const key = `${edge.from}→${edge.to}`;
    const y = middle(edge.row);
    const start: Point = edge.back
      ? { x: from.x, y: attach.get(`${edge.from}:left|${key}`)! }
      : { x: from.x + from.width, y: attach.get(`${edge.from}:right|${key}`)! };
    const end: Point = edge.back
      ? { x: to.x + to.width, y: attach.get(`${edge.to}:right|${key}`)! }
      : { x: to.x, y: attach.get(`${edge.to}:left|${key}`)! };
    const trackStart: Point = { x: edge.back ? right(edge.last) : left[edge.first]!, y };
    const trackEnd: Point = { x: edge.back ? left[edge.first]! : right(edge.last), y };
    const segments: Segment[] = [
      bend(start, trackStart),
      { kind: 'line', points: [trackStart, trackEnd] },
      bend(trackEnd, end),
    ];
    const width = Math.max(...edge.conditions.map(labelWidth));
    const height = edge.conditions.length * lineHeight;
    const centre = left[edge.labelColumn]! + widths[edge.labelColumn]! / 2;
    return {
      key,
      from: edge.from,
      to: edge.to,
      back: edge.back,
      conditions: edge.conditions,
      phrases: edge.transitions.map((t) => {
        const condition = conditionWords(t) ?? transitionIdentifier(t);
        const consequence = consequenceWords(t.to, edge.back) ?? t.to;
        return `${condition} → ${consequence}`;
      }),
      identifiers: [...new Set(edge.transitions.map(transitionIdentifier))],
      segments,
      path: svgPath(segments),
      label: { x: centre - width / 2, y: y - height / 2, width, height },
    };
  });

  const fromAnyState = rootTransitions(machine).map(
    (t) => `${conditionWords(t) ?? transitionIdentifier(t)} → ${t.to}`,
  );
  return {
    nodes,
    edges,
    fromAnyState,
    width: right(columns - 1) + margin,
    height: top[rowCount - 1]! + rowHeight[rowCount - 1]! + margin,
    fontPx,
    lineHeight,
  };
}

/** An S-bend across a gap between columns, level at both ends. */
function bend(from: Point, to: Point): Segment {
  const mid = (from.x + to.x) / 2;
  return { kind: 'cubic', points: [from, { x: mid, y: from.y }, { x: mid, y: to.y }, to] };
}

function svgPath(segments: readonly Segment[]): string {
  const [first] = segments[0]!.points;
  const parts = [`M ${first.x} ${first.y}`];
  for (const { kind, points } of segments) {
    const [, ...rest] = points;
    parts.push(`${kind === 'line' ? 'L' : 'C'} ${rest.map((p) => `${p.x} ${p.y}`).join(', ')}`);
  }
  return parts.join(' ');
}

/** Points along a segment, `steps + 1` of them, ends included (for tests and hit checks). */
export function sampleSegment(segment: Segment, steps: number): Point[] {
  const points: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    if (segment.kind === 'line') {
      const [a, b] = segment.points;
      points.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    } else {
      const [p0, p1, p2, p3] = segment.points;
      const u = 1 - t;
      const w = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
      points.push({
        x: w[0]! * p0.x + w[1]! * p1.x + w[2]! * p2.x + w[3]! * p3.x,
        y: w[0]! * p0.y + w[1]! * p1.y + w[2]! * p2.y + w[3]! * p3.y,
      });
    }
  }
  return points;
}
