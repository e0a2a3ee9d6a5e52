import type { AnyStateMachine } from 'xstate';

/**
 * A call flow machine as a diagram: one box per top-level state, laid out in columns by how many
 * transitions it is from the initial state (final states in the last column), and its edges.
 * Read from the machine itself, so the diagram cannot drift from the flow.
 */

export interface DiagramNode {
  readonly id: string;
  readonly final: boolean;
  readonly initial: boolean;
  readonly x: number;
  readonly y: number;
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** Events (with their guards) that take this edge, e.g. "DTMF [isExpectedDigit]". */
  readonly labels: readonly string[];
  /** The event types alone, short enough to print on the arrow. */
  readonly events: readonly string[];
  /** SVG path from the source box to the target box. */
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly labelAnchor: 'start' | 'middle';
}

export interface FlowDiagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Machine-level transitions that apply in every state, e.g. "HANGUP → ended". */
  readonly fromAnyState: readonly string[];
  readonly width: number;
  readonly height: number;
}

export const NODE_WIDTH = 128;
export const NODE_HEIGHT = 40;
const COLUMN_GAP = 104;
const ROW_GAP = 44;
const MARGIN = 16;
/** Room above the boxes for edges that jump over a column. */
const TOP_MARGIN = 52;
const COLUMN_STEP = NODE_WIDTH + COLUMN_GAP;

interface GuardLike {
  readonly type?: string;
  readonly guards?: readonly unknown[];
}

/** A guard's name: "isHuman", or "isMachine and leavesCodeForMachines" for xstate's and(). */
function guardName(guard: unknown): string | null {
  if (guard === undefined || guard === null) return null;
  if (typeof guard === 'string') return guard;
  const { type, guards } = guard as GuardLike;
  if (guards) return guards.map(guardName).filter(Boolean).join(' and ');
  return type ?? 'guard';
}

interface RawEdge {
  from: string;
  to: string;
  event: string;
  label: string;
}

function rawEdges(machine: AnyStateMachine): RawEdge[] {
  const edges: RawEdge[] = [];
  for (const [from, node] of Object.entries(machine.root.states)) {
    for (const [eventType, transitions] of node.transitions) {
      for (const transition of transitions) {
        const guard = guardName(transition.guard);
        for (const target of transition.target ?? []) {
          edges.push({
            from,
            to: target.key,
            event: eventType,
            label: guard ? `${eventType} [${guard}]` : eventType,
          });
        }
      }
    }
  }
  return edges;
}

/** Columns by breadth-first distance from the initial state; final states go last. */
function columns(machine: AnyStateMachine, edges: readonly RawEdge[]): Map<string, number> {
  const states = Object.values(machine.root.states);
  const initial = machine.root.initial?.target[0]?.key ?? states[0]?.key;
  const depth = new Map<string, number>();
  const queue: string[] = initial ? [initial] : [];
  if (initial) depth.set(initial, 0);
  while (queue.length) {
    const from = queue.shift()!;
    for (const edge of edges) {
      if (edge.from === from && !depth.has(edge.to)) {
        depth.set(edge.to, depth.get(from)! + 1);
        queue.push(edge.to);
      }
    }
  }
  const finals = states.filter((s) => s.type === 'final').map((s) => s.key);
  const lastInner = Math.max(
    0,
    ...states.filter((s) => s.type !== 'final').map((s) => depth.get(s.key) ?? 0),
  );
  for (const state of states) {
    if (finals.includes(state.key)) depth.set(state.key, lastInner + 1);
    else if (!depth.has(state.key)) depth.set(state.key, lastInner);
  }
  return depth;
}

export function flowDiagram(machine: AnyStateMachine): FlowDiagram {
  const edges = rawEdges(machine);
  const column = columns(machine, edges);
  const rowsUsed = new Map<number, number>();
  const initial = machine.root.initial?.target[0]?.key;
  const nodes: DiagramNode[] = Object.values(machine.root.states).map((state) => {
    const c = column.get(state.key)!;
    const row = rowsUsed.get(c) ?? 0;
    rowsUsed.set(c, row + 1);
    return {
      id: state.key,
      final: state.type === 'final',
      initial: state.key === initial,
      x: MARGIN + c * COLUMN_STEP,
      y: TOP_MARGIN + row * (NODE_HEIGHT + ROW_GAP),
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const grouped = new Map<string, RawEdge[]>();
  for (const edge of edges) {
    const key = `${edge.from}→${edge.to}`;
    grouped.set(key, [...(grouped.get(key) ?? []), edge]);
  }
  const diagramEdges = [...grouped.values()].map((group) =>
    edgeGeometry(
      byId.get(group[0]!.from)!,
      byId.get(group[0]!.to)!,
      [...new Set(group.map((e) => e.label))],
      [...new Set(group.map((e) => e.event))],
    ),
  );
  const fromAnyState: string[] = [];
  for (const [eventType, transitions] of machine.root.transitions) {
    for (const transition of transitions) {
      for (const target of transition.target ?? [])
        fromAnyState.push(`${eventType} → ${target.key}`);
    }
  }
  const maxRows = Math.max(1, ...rowsUsed.values());
  const maxColumn = Math.max(0, ...column.values());
  return {
    nodes,
    edges: diagramEdges,
    fromAnyState,
    width: 2 * MARGIN + (maxColumn + 1) * NODE_WIDTH + maxColumn * COLUMN_GAP,
    height: TOP_MARGIN + MARGIN + maxRows * NODE_HEIGHT + (maxRows - 1) * ROW_GAP + ROW_GAP / 2,
  };
}

/**
 * Edges to the next column run right edge to left edge, edges that jump over columns arc above
 * the boxes, edges within a column run straight down or up, and back edges arc below.
 */
function edgeGeometry(
  from: DiagramNode,
  to: DiagramNode,
  labels: readonly string[],
  events: readonly string[],
): DiagramEdge {
  const base = { from: from.id, to: to.id, labels, events };
  const span = Math.round((to.x - from.x) / COLUMN_STEP);
  if (span > 1) {
    const x1 = from.x + (2 * NODE_WIDTH) / 3;
    const x2 = to.x + NODE_WIDTH / 3;
    const y1 = from.y;
    const y2 = to.y;
    const rise = Math.min(from.y, to.y) - 18 - 12 * (span - 2);
    return {
      ...base,
      path: `M ${x1} ${y1} C ${x1} ${rise}, ${x2} ${rise}, ${x2} ${y2}`,
      labelX: (x1 + x2) / 2,
      labelY: 0.125 * (y1 + y2) + 0.75 * rise - 4,
      labelAnchor: 'middle',
    };
  }
  if (span === 1) {
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const mx = (x1 + x2) / 2;
    return {
      ...base,
      path: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2} ${y2}`,
      labelX: mx,
      labelY: (y1 + y2) / 2 - 4,
      labelAnchor: 'middle',
    };
  }
  if (to.x === from.x) {
    const down = to.y > from.y;
    const x = from.x + NODE_WIDTH / 2;
    const y1 = down ? from.y + NODE_HEIGHT : from.y;
    const y2 = down ? to.y : to.y + NODE_HEIGHT;
    return {
      ...base,
      path: `M ${x} ${y1} L ${x} ${y2}`,
      labelX: x + 6,
      labelY: (y1 + y2) / 2 + 3,
      labelAnchor: 'start',
    };
  }
  const x1 = from.x + NODE_WIDTH / 3;
  const x2 = to.x + (2 * NODE_WIDTH) / 3;
  const y = Math.max(from.y, to.y) + NODE_HEIGHT;
  const dip = y + ROW_GAP / 2;
  return {
    ...base,
    path: `M ${x1} ${from.y + NODE_HEIGHT} C ${x1} ${dip}, ${x2} ${dip}, ${x2} ${to.y + NODE_HEIGHT}`,
    labelX: (x1 + x2) / 2,
    labelY: (0.25 * (from.y + to.y + 2 * NODE_HEIGHT)) / 2 + 0.75 * dip + 12,
    labelAnchor: 'middle',
  };
}
