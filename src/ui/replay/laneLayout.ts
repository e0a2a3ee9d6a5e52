import type { Ms } from '../../core/units.ts';
import type { LaneItem, LaneStyle } from './laneModel.ts';

/**
 * Where the swim-lane chart puts its blocks and their words: the time scale that fits a whole
 * trial in the visible width ("Auto"), and each block's label, placed so no two labels in a lane
 * overlap. A block is labelled in full when there is room, else by its short label, else by its
 * label cut short with "…", else by an icon; tones too close together to label one by one share
 * one label ("DTMF 123456"). Every label carries the full text as its title.
 */

/** Room left and right of the time span, px: the right one takes an icon beside a final marker. */
export const LEFT_PAD = 6;
export const rightPad = (labelPx: number) => Math.ceil(labelPx * 2);

/** Average width of a label character, an upper bound for system-ui (em). */
const EM_PER_CHAR = 0.6;
/** Gap between a block's edge or a marker's line and its text, px. */
const TEXT_GAP = 3;

/** A one-character stand-in for a block whose words do not fit. */
export const LANE_ICONS: Readonly<Record<LaneStyle, string>> = {
  'flow-state': '•',
  ringing: '☎',
  connected: '☎',
  prompt: '?',
  say: '“',
  'sent-tones': '#',
  media: '♪',
  pause: '…',
  amd: 'A',
  readout: '#',
  'readout-recorded': '●',
  'on-line': '☺',
  speech: '“',
  silence: '…',
  tones: '#',
  dtmf: '#',
  'dtmf-unheard': '#',
  beep: '!',
  recording: '●',
  waiting: '…',
  event: '|',
  accepted: '✓',
  rejected: '✗',
};

/** Pixels per simulated second that fit `spanMs` into a chart `chartWidth` px wide. */
export function fitPxPerSecond(spanMs: Ms, chartWidth: number, labelPx: number): number {
  const room = Math.max(1, chartWidth - LEFT_PAD - rightPad(labelPx));
  return room / Math.max(0.001, spanMs / 1000);
}

export interface LaneGeometry {
  readonly pxPerSecond: number;
  /** The chart's drawn width, px. */
  readonly width: number;
  /** Label text size, px. */
  readonly labelPx: number;
}

/** A label as drawn: `x` is where the text starts (`anchor` start) or ends (`anchor` end). */
export interface PlacedLabel {
  readonly text: string;
  readonly x: number;
  readonly anchor: 'start' | 'end';
  /** Estimated width of the text, px. */
  readonly width: number;
  /** The full words, for the tooltip. */
  readonly title: string;
  /** The lane items it names: one, or a run of tones. */
  readonly items: readonly number[];
  /** An icon or a shared label rather than the item's own words. */
  readonly iconic: boolean;
}

export const xAt = (ms: Ms, pxPerSecond: number) => LEFT_PAD + (ms / 1000) * pxPerSecond;
const startOf = (item: LaneItem) => (item.kind === 'span' ? item.startMs : item.atMs);

/** The estimated width of `text` at `labelPx`. */
export function textWidth(text: string, labelPx: number): number {
  return Math.ceil([...text].length * labelPx * EM_PER_CHAR);
}

/** The label, cut to `room` px with "…", or null when fewer than three characters would stay. */
function cut(label: string, room: number, labelPx: number): string | null {
  const chars = Math.floor(room / (labelPx * EM_PER_CHAR)) - 1;
  return chars >= 3 ? `${[...label].slice(0, chars).join('')}…` : null;
}

/** Labels for one lane's items: none overlapping, each within the chart. */
export function placeLaneLabels(items: readonly LaneItem[], g: LaneGeometry): PlacedLabel[] {
  const x = (ms: Ms) => xAt(ms, g.pxPerSecond);
  const order = items.map((_, i) => i).sort((a, b) => startOf(items[a]!) - startOf(items[b]!));
  const placed: PlacedLabel[] = [];
  const free = (from: number, to: number) =>
    from >= 0 && to <= g.width && placed.every((p) => to <= left(p) || from >= right(p));
  /** Where the next item in time starts after `i` (by its place in `order`), or the chart's end. */
  const nextStart = (k: number) => {
    const after = order.slice(k + 1).find((j) => startOf(items[j]!) > startOf(items[order[k]!]!));
    return after === undefined ? g.width : x(startOf(items[after]!));
  };
  /** Left of a marker, room stays for an icon of the block it lies on (or the one before it). */
  const previousRoom = (k: number) => {
    const before = order
      .slice(0, k)
      .filter((j) => startOf(items[j]!) < startOf(items[order[k]!]!))
      .at(-1);
    return before === undefined
      ? 0
      : x(startOf(items[before]!)) + 2 * TEXT_GAP + textWidth('☎×', g.labelPx);
  };
  const unlabelled: number[] = [];
  const labelRuns = (rest: readonly number[]) => {
    for (const run of runs(rest, items, order)) {
      // Tones labelled one by one right after the run join it, so "123456" is not "12345" and "6".
      for (let k = order.indexOf(run.at(-1)!) + 1; k < order.length; k++) {
        const j = order[k]!;
        const own = placed.findIndex((p) => p.items.length === 1 && p.items[0] === j);
        const single = own >= 0 && !placed[own]!.iconic && [...placed[own]!.text].length === 1;
        if (!single || !sameKind(items[run.at(-1)!]!, items[j]!)) break;
        placed.splice(own, 1);
        run.push(j);
      }
      placed.push(runLabel(run, items, g, free));
    }
  };
  // Markers (a hang-up, a code typed) first, then blocks in what room is left, then a shared
  // label or an icon for the rest.
  order.forEach((i, k) => {
    const item = items[i]!;
    if (item.kind !== 'marker') return;
    const at = x(item.atMs);
    // Its words right of its line, else left of it; else its icon so.
    for (const text of [item.label, LANE_ICONS[item.style]]) {
      const width = textWidth(text, g.labelPx);
      const iconic = text !== item.label;
      if (at + TEXT_GAP + width <= nextStart(k) && free(at + TEXT_GAP, at + TEXT_GAP + width)) {
        placed.push(label(text, at + TEXT_GAP, 'start', item.title, [i], iconic, g.labelPx));
        return;
      }
      if (at - TEXT_GAP - width >= previousRoom(k) && free(at - TEXT_GAP - width, at - TEXT_GAP)) {
        placed.push(label(text, at - TEXT_GAP, 'end', item.title, [i], iconic, g.labelPx));
        return;
      }
    }
    unlabelled.push(i);
  });
  order.forEach((i, k) => {
    const item = items[i]!;
    if (item.kind !== 'span') return;
    const at = x(item.startMs);
    const room = Math.min(nextStart(k), g.width) - at - 2 * TEXT_GAP;
    const fits = (text: string | null | undefined) =>
      text &&
      textWidth(text, g.labelPx) <= room &&
      free(at, at + TEXT_GAP + textWidth(text, g.labelPx))
        ? text
        : null;
    const text =
      fits(item.label) ??
      fits(item.shortLabel) ??
      fits(cut(item.shortLabel ?? item.label, room, g.labelPx));
    if (text) placed.push(label(text, at + TEXT_GAP, 'start', item.title, [i], false, g.labelPx));
    else unlabelled.push(i);
  });
  labelRuns(unlabelled.splice(0));
  return placed;
}

function label(
  text: string,
  x: number,
  anchor: 'start' | 'end',
  title: string,
  itemIndexes: readonly number[],
  iconic: boolean,
  labelPx: number,
): PlacedLabel {
  return { text, x, anchor, width: textWidth(text, labelPx), title, items: itemIndexes, iconic };
}

const left = (p: PlacedLabel) => (p.anchor === 'start' ? p.x : p.x - p.width);
const right = (p: PlacedLabel) => (p.anchor === 'start' ? p.x + p.width : p.x);

/** Of one kind for a shared label: the same style, or tones heard and unheard. */
const sameKind = (a: LaneItem, b: LaneItem) =>
  a.style === b.style || (a.style.startsWith('dtmf') && b.style.startsWith('dtmf'));

/** Unlabelled items next to each other in time: runs to label together. */
function runs(unlabelled: readonly number[], items: readonly LaneItem[], order: readonly number[]) {
  const result: number[][] = [];
  for (const i of order.filter((j) => unlabelled.includes(j))) {
    const run = result.at(-1);
    const previous = run?.at(-1);
    if (run && order.indexOf(i) === order.indexOf(previous!) + 1) run.push(i);
    else result.push([i]);
  }
  return result;
}

/**
 * One label for a run: the items' one-character words side by side ("123456" for tones) when they
 * fit, else their icons with a count ("#×6"), else one icon; right of the run's start, else left
 * of it. With no free room at all the icon goes on the block regardless.
 */
function runLabel(
  run: readonly number[],
  items: readonly LaneItem[],
  g: LaneGeometry,
  free: (from: number, to: number) => boolean,
): PlacedLabel {
  const members = run.map((i) => items[i]!);
  const words = members.map((item) =>
    item.kind === 'span' ? (item.shortLabel ?? item.label) : item.label,
  );
  const icons = [...new Set(members.map((item) => LANE_ICONS[item.style]))].join('');
  const joined = words.every((w) => [...w].length === 1) ? words.join('') : null;
  const candidates = [
    ...(joined && run.length > 1 ? [joined] : []),
    run.length > 1 ? `${icons}×${run.length}` : icons,
    LANE_ICONS[members[0]!.style],
  ];
  const title = members.map((item) => item.title).join('; ');
  const at = xAt(startOf(members[0]!), g.pxPerSecond);
  for (const text of candidates) {
    const width = textWidth(text, g.labelPx);
    if (free(at + TEXT_GAP, at + TEXT_GAP + width))
      return label(text, at + TEXT_GAP, 'start', title, run, true, g.labelPx);
    if (free(at - TEXT_GAP - width, at - TEXT_GAP))
      return label(text, at - TEXT_GAP, 'end', title, run, true, g.labelPx);
  }
  const icon = LANE_ICONS[members[0]!.style];
  const start = Math.max(0, Math.min(at + TEXT_GAP, g.width - textWidth(icon, g.labelPx)));
  return label(icon, start, 'start', title, run, true, g.labelPx);
}
