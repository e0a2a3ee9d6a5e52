/** What a clicker (or a presenter's keyboard) sends to move through slides. */
const FORWARD = new Set(['ArrowRight', 'PageDown', ' ']);
const BACK = new Set(['ArrowLeft', 'PageUp']);

/** Input types where arrows and Space edit text rather than move the story. */
const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'week',
  'time',
]);

/** The key event's fields the story looks at. */
export interface ClickerKeyEvent {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly target: EventTarget | null;
}

/** Whether focus is where typing goes: a text field, a list box or an editable element. */
export function isTextEntry(target: EventTarget | null): boolean {
  const element = target as {
    tagName?: string;
    type?: string;
    isContentEditable?: boolean;
  } | null;
  if (!element?.tagName) return false;
  const tag = element.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable) return true;
  return tag === 'INPUT' && TEXT_INPUT_TYPES.has((element.type ?? 'text').toLowerCase());
}

/**
 * The scene step a key asks for: 1 (ArrowRight, PageDown, Space), -1 (ArrowLeft, PageUp) or 0
 * (another key, a modifier held, or focus in a text field).
 */
export function clickerStep(event: ClickerKeyEvent): -1 | 0 | 1 {
  if (event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return 0;
  if (FORWARD.has(event.key)) return 1;
  return BACK.has(event.key) ? -1 : 0;
}
