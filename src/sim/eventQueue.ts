import type { Ms } from '../core/distributions.ts';

interface Scheduled<T> {
  readonly atMs: Ms;
  readonly rank: number;
  readonly seq: number;
  readonly item: T;
}

/**
 * The virtual clock's agenda: items come out in time order; items due at the same millisecond
 * by rank (lower first), then in the order they were scheduled, so a call plays out the same way
 * every time.
 * A call holds a few dozen items at most; a sorted array beats a heap at that size.
 */
export class EventQueue<T> {
  private readonly items: Scheduled<T>[] = [];
  private head = 0;
  private seq = 0;

  schedule(atMs: Ms, item: T, rank = 0): void {
    const entry = { atMs, rank, seq: this.seq++, item };
    const items = this.items;
    let i = items.length;
    while (
      i > this.head &&
      (items[i - 1]!.atMs > atMs || (items[i - 1]!.atMs === atMs && items[i - 1]!.rank > rank))
    )
      i--;
    items.splice(i, 0, entry);
  }

  /** The next item, or undefined when nothing is left. */
  pop(): { atMs: Ms; item: T } | undefined {
    if (this.head >= this.items.length) return undefined;
    return this.items[this.head++];
  }

  get size(): number {
    return this.items.length - this.head;
  }
}
