export type PathKey = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Property names longer than this are shortened in paths and messages (`["aaaa…"]`), so that a
 * message stays a line long whatever the document holds. No property of the scenario format comes
 * close (README "Authoring a scenario": validation refuses unknown properties anyway).
 */
export const MAX_SHOWN_KEY_CHARS = 64;

/**
 * `$.voicemail.greeting[2].toneMs`: the path notation of JSONPath. A property name longer than
 * MAX_SHOWN_KEY_CHARS is shown by its start and "…", so such a path names the place for a reader
 * but is no longer an exact JSONPath.
 */
export function jsonPath(keys: readonly PathKey[]): string {
  let path = '$';
  for (const key of keys) {
    if (typeof key === 'number') path += `[${key}]`;
    else if (key.length <= MAX_SHOWN_KEY_CHARS && IDENTIFIER.test(key)) path += `.${key}`;
    else path += `[${JSON.stringify(shortKey(key))}]`;
  }
  return path;
}

/** A property name as messages show it: whole, or its first characters and "…". */
export function shortKey(key: string): string {
  if (key.length <= MAX_SHOWN_KEY_CHARS) return key;
  // Not cut between the two halves of a surrogate pair.
  let end = MAX_SHOWN_KEY_CHARS - 4;
  const last = key.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${key.slice(0, end)}…`;
}

export function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

/** How much of a value's JSON a message shows before "...". */
const SHOWN_CHARS = 60;

/**
 * A short, readable rendering of what was found, for error messages: its kind and the start of
 * its JSON. ±Infinity and NaN, which JSON cannot hold (RFC 8259 §6) and JSON.stringify would
 * print as null, are shown as themselves.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN (not a number)';
  const json = jsonStart(value, SHOWN_CHARS + 1);
  const shown = json.length > SHOWN_CHARS ? `${json.slice(0, SHOWN_CHARS - 3)}...` : json;
  if (Array.isArray(value)) return `a list ${shown}`;
  if (typeof value === 'object') return `an object ${shown}`;
  if (typeof value === 'string') return `the string ${shown}`;
  if (typeof value === 'number') return `the number ${shown}`;
  return shown;
}

type Pending = { readonly text: string } | { readonly value: unknown; readonly inList: boolean };

/**
 * The first `limit` characters (or a few more) of the value's JSON as JSON.stringify writes it,
 * except that non-finite numbers are written as Infinity, -Infinity and NaN. Iterative, and it
 * stops once `limit` characters are written: its cost depends on `limit`, not on the value's
 * size or depth (every item written adds at least one character, so at most `limit` items of a
 * container and `limit` levels are ever visited).
 */
function jsonStart(root: unknown, limit: number): string {
  let out = '';
  const pending: Pending[] = [{ value: root, inList: false }];
  while (pending.length > 0 && out.length < limit) {
    const next = pending.pop()!;
    if ('text' in next) {
      out += next.text;
      continue;
    }
    const { value, inList } = next;
    if (value === null || value === undefined || typeof value === 'function') {
      // JSON.stringify writes null for these in a list; objects skip them (below).
      out += inList || value === null ? 'null' : '';
    } else if (typeof value === 'number') {
      out += String(value);
    } else if (typeof value === 'bigint') {
      out += `${value}n`;
    } else if (typeof value === 'string') {
      // Only the start can be shown; the slice keeps stringify's cost bounded too.
      out += JSON.stringify(value.length > limit ? value.slice(0, limit) : value);
    } else if (typeof value === 'boolean') {
      out += value ? 'true' : 'false';
    } else if (typeof value !== 'object') {
      // A symbol: JSON.stringify writes null for it in a list.
      out += 'null';
    } else if (Array.isArray(value)) {
      out += '[';
      const items = value as readonly unknown[];
      const shown = Math.min(items.length, limit);
      pending.push({ text: ']' });
      for (let i = shown - 1; i >= 0; i--) {
        pending.push({ value: items[i], inList: true });
        if (i > 0) pending.push({ text: ',' });
      }
    } else {
      out += '{';
      const entries: Pending[] = [];
      for (const key in value) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined || typeof member === 'function') continue;
        if (entries.length > 0) entries.push({ text: ',' });
        entries.push({
          text: `${JSON.stringify(key.length > limit ? key.slice(0, limit) : key)}:`,
        });
        entries.push({ value: member, inList: false });
        if (entries.length >= 3 * limit) break;
      }
      pending.push({ text: '}' });
      for (let i = entries.length - 1; i >= 0; i--) pending.push(entries[i]!);
    }
  }
  return out;
}
