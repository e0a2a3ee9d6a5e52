import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/**
 * The scenario carried by a link, in the URL's hash so it never reaches a server:
 * `#id=<bundled-id>` for a bundled scenario left as shipped, `#s=<lz-string>` for any other text.
 * Other `key=value` pairs in the hash are kept, so other views may add their own.
 */
export type ScenarioLink =
  | { readonly kind: 'bundled'; readonly id: string }
  | { readonly kind: 'text'; readonly text: string };

export type ScenarioLinkReading =
  | ScenarioLink
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly reason: string };

const SCENARIO_KEYS = ['s', 'id'] as const;

/** The hash's `key=value` pairs. Not URLSearchParams: it would turn lz-string's `+` into a space. */
function hashParams(hash: string): Array<[string, string]> {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return [];
  return body.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

/** The scenario a location hash carries, or why it cannot be read. */
export function readScenarioLink(hash: string): ScenarioLinkReading {
  const params = new Map(hashParams(hash));
  const compressed = params.get('s');
  if (compressed !== undefined) {
    const text = decompress(compressed);
    if (text === null) {
      return {
        kind: 'unreadable',
        reason: 'its scenario data is corrupt or cut short, so it could not be decompressed',
      };
    }
    return { kind: 'text', text };
  }
  const id = params.get('id');
  if (id !== undefined) return { kind: 'bundled', id: safeDecode(id) };
  return { kind: 'none' };
}

/** `hash` with the scenario replaced by `link`, keeping its other parameters. */
export function withScenarioLink(hash: string, link: ScenarioLink): string {
  const kept = hashParams(hash).filter(
    ([key]) => !(SCENARIO_KEYS as readonly string[]).includes(key),
  );
  const scenario: [string, string] =
    link.kind === 'bundled'
      ? ['id', encodeURIComponent(link.id)]
      : ['s', compressToEncodedURIComponent(link.text)];
  return `#${[scenario, ...kept].map(([key, value]) => `${key}=${value}`).join('&')}`;
}

/** The `view=` parameter of a hash, or null. */
export function readViewParam(hash: string): string | null {
  const value = new Map(hashParams(hash)).get('view');
  return value === undefined ? null : safeDecode(value);
}

/** `hash` with `view=<id>` set (or removed, for null), keeping its other parameters in order. */
export function withViewParam(hash: string, id: string | null): string {
  const kept = hashParams(hash).filter(([key]) => key !== 'view');
  const pairs =
    id === null ? kept : [...kept, ['view', encodeURIComponent(id)] as [string, string]];
  return pairs.length === 0 ? '' : `#${pairs.map(([key, value]) => `${key}=${value}`).join('&')}`;
}

function decompress(compressed: string): string | null {
  try {
    // Some chat apps percent-encode `$`; lz-string's alphabet has no `%`, so decoding is safe.
    const text = decompressFromEncodedURIComponent(safeDecode(compressed));
    return text ? text : null;
  } catch {
    return null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
