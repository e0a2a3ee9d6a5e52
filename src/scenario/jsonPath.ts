export type PathKey = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.voicemail.greeting[2].toneMs`: the path notation of JSONPath. */
export function jsonPath(keys: readonly PathKey[]): string {
  let path = '$';
  for (const key of keys) {
    if (typeof key === 'number') path += `[${key}]`;
    else if (IDENTIFIER.test(key)) path += `.${key}`;
    else path += `[${JSON.stringify(key)}]`;
  }
  return path;
}

export function valueAt(root: unknown, keys: readonly PathKey[]): unknown {
  let value = root;
  for (const key of keys) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}

/** A short, readable rendering of what was found, for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  const shown = json.length > 60 ? `${json.slice(0, 57)}...` : json;
  if (Array.isArray(value)) return `a list ${shown}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object ${shown}`;
  if (typeof value === 'string') return `the string ${shown}`;
  if (typeof value === 'number') return `the number ${shown}`;
  return shown;
}
