import type { Ms } from '../core/distributions.ts';

interface Scheduled<T> {
  readonly atMs: Ms;
  readonly seq: number;
  readonly item: T;
}

/**
 * The virtual clock's agenda: items come out in time order, and items due at the same
 * millisecond in the order they were scheduled, so a call plays out the same way every time.
 * A call holds a few dozen items at most; a sorted array beats a heap at that size.
 */
export class EventQueue<T> {
  private readonly items: Scheduled<T>[] = [];
  private head = 0;
  private seq = 0;

  schedule(atMs: Ms, item: T): void {
    const entry = { atMs, seq: this.seq++, item };
    const items = this.items;
    let i = items.length;
    while (i > this.head && items[i - 1]!.atMs > atMs) i--;
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
