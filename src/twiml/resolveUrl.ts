/**
 * Where a relative `action` or `<Redirect>` URL points. Twilio resolves them against the URL of
 * the document that holds them ("relative or absolute URL", default "the current document URL";
 * https://www.twilio.com/docs/voice/twiml/gather#action), as a browser resolves a link
 * (RFC 3986 §5, https://www.rfc-editor.org/rfc/rfc3986#section-5). Static flow files have no URL:
 * they are paths relative to the scenario file, resolved the same way, as a static web server
 * would serve that folder.
 *
 * - `ref` with a scheme (`https:`, …): kept as written.
 * - `base` with a scheme: the WHATWG URL parser (the `URL` class, in every runtime) resolves it;
 *   the ref's query string is kept. A ref it cannot resolve is kept as written, so the request
 *   for it fails as Twilio's would.
 * - `base` a path (`flows/press-any-key.xml`) or '' (an inline document: the scenario's folder):
 *   the ref is taken from the base's folder, `.` and `..` segments removed. A path may climb out
 *   of the scenario's folder (`../shared/menu.xml`): it stays a relative path, its leading `..`
 *   kept. A root-relative ref (`/menu.xml`) starts at the scenario's folder, the static site's
 *   root; a scheme-relative one (`//host/x`) needs a scheme and is kept as written. Repeated
 *   slashes count as one, as in a file path.
 */

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** `ref` resolved against `base` (a URL, a path relative to the scenario, or ''). */
export function resolveTwimlUrl(ref: string, base: string): string {
  if (SCHEME.test(ref)) return ref;
  if (SCHEME.test(base)) return resolveAgainstUrl(ref, base);
  return resolveAgainstPath(ref, base);
}

function resolveAgainstUrl(ref: string, base: string): string {
  try {
    return new URL(ref, base).href;
  } catch {
    return ref;
  }
}

function resolveAgainstPath(ref: string, base: string): string {
  const [writtenRef, refSuffix] = splitSuffix(ref);
  if (writtenRef.startsWith('//')) return ref;
  const [writtenBase, baseSuffix] = splitSuffix(base);
  const refPath = oneSlash(writtenRef);
  const basePath = normalisePath(oneSlash(writtenBase));
  if (refPath === '') {
    // RFC 3986 §5.2.2: no path means the base's; its query too, unless the ref has one.
    const query = refSuffix.startsWith('?') ? '' : queryOf(baseSuffix);
    return basePath + query + refSuffix;
  }
  const joined = refPath.startsWith('/')
    ? refPath.slice(1)
    : basePath.slice(0, basePath.lastIndexOf('/') + 1) + refPath;
  return normalisePath(joined) + refSuffix;
}

/** Repeated slashes as one, as a file path reads them. */
function oneSlash(path: string): string {
  return path.replace(/\/{2,}/g, '/');
}

/** The path, and what follows it (`?query#fragment`, or ''). */
function splitSuffix(reference: string): [string, string] {
  const end = reference.search(/[?#]/);
  return end < 0 ? [reference, ''] : [reference.slice(0, end), reference.slice(end)];
}

function queryOf(suffix: string): string {
  if (!suffix.startsWith('?')) return '';
  const fragment = suffix.indexOf('#');
  return fragment < 0 ? suffix : suffix.slice(0, fragment);
}

/**
 * `.` and `..` segments removed (RFC 3986 §5.2.4), except that a relative path keeps the `..`
 * that climb above its start, and an absolute one stops at its root.
 */
function normalisePath(path: string): string {
  const segments = path.split('/');
  const out: string[] = [];
  const absolute = path.startsWith('/');
  segments.forEach((segment, index) => {
    if (segment === '..') {
      const last = out.at(-1);
      if (last !== undefined && last !== '..' && !(absolute && out.length === 1)) out.pop();
      else if (!absolute) out.push('..');
    } else if (segment !== '.') {
      out.push(segment);
      return;
    }
    // A path ending in `.` or `..` names a folder.
    if (index === segments.length - 1) out.push('');
  });
  return out.join('/');
}
