import { http, type HttpHandler } from 'msw';
import type { Accounts } from './accounts.ts';
import { requireBasicAuth } from './requestForm.ts';
import { respondWith } from './respond.ts';
import { methodNotAllowed, notFound } from './verifyError.ts';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type RouteParams = Readonly<Record<string, string>>;

const METHOD_HANDLER = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'delete' } as const;

export interface Route {
  readonly method: RouteMethod;
  /** Path segments such as '/v2/Services/:sid'; `:name` matches one non-empty segment. */
  readonly pattern: string;
  readonly resolve: (args: { request: Request; params: RouteParams }) => Promise<Response>;
}

/** One endpoint: what it answers (a JSON body, or a thrown VerifyError) and its success status. */
export function route(
  method: RouteMethod,
  pattern: string,
  run: (args: { request: Request; params: RouteParams }) => unknown,
  successStatus = 200,
): Route {
  return { method, pattern, resolve: (args) => respondWith(() => run(args), successStatus) };
}

/**
 * The request path's last segments against `pattern`, each decoded once, at any origin and
 * under any path prefix (as msw's '*' prefix would). We match paths ourselves rather than
 * through msw's path strings because those throw on malformed percent-encoding (`%E0%A4%A`),
 * which would answer 500; here such a segment simply matches no route.
 */
export function matchRoute(url: URL, pattern: string): RouteParams | null {
  const want = pattern.split('/').slice(1);
  const have = url.pathname.split('/').slice(1);
  if (have.length < want.length) return null;
  const tail = have.slice(have.length - want.length);
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const segment = decodeSegment(tail[i]!);
    if (segment === null) return null;
    const expected = want[i]!;
    if (expected.startsWith(':')) {
      if (segment === '') return null;
      params[expected.slice(1)] = segment;
    } else if (segment !== expected) {
      return null;
    }
  }
  return params;
}

function decodeSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** `url` is `base` or below it: same origin, and the base's path as a whole-segment prefix. */
function isUnder(url: URL, base: URL): boolean {
  const prefix = base.pathname.replace(/\/$/, '');
  return (
    url.origin === base.origin &&
    (prefix === '' || url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
  );
}

/**
 * Paths that are the simulator's wherever they are served: the Verify API, the control plane and
 * the Calls API.
 */
function isSimulatorPath(url: URL): boolean {
  return /(^|\/)(v2\/Services|sim\/v1|2010-04-01\/Accounts)(\/|$)/.test(url.pathname);
}

/**
 * msw handlers for `routes`, then one for every other request the simulator owns: paths under
 * /v2/Services and /sim/v1 at any origin, and any path under `ownedBases` (its own hosts).
 * Those answer 405 (Twilio 20004) when another method has the path, else 404 (20404), with the
 * Verify error body, instead of falling through to msw's unhandled-request handling.
 */
export function routeHandlers(
  routes: readonly Route[],
  ownedBases: readonly string[] | 'every path',
  accounts: Accounts,
): HttpHandler[] {
  const owns = (url: URL): boolean =>
    ownedBases === 'every path' ||
    isSimulatorPath(url) ||
    ownedBases.some((base) => isUnder(url, new URL(base)));
  const matched = routes.map(({ method, pattern, resolve }) =>
    http[METHOD_HANDLER[method]](
      ({ request }) => {
        const params = matchRoute(new URL(request.url), pattern);
        return params ? { matches: true, params } : false;
      },
      ({ request, params }) => resolve({ request, params: params }),
    ),
  );
  const unmatched = http.all(
    ({ request }) => owns(new URL(request.url)),
    ({ request }) =>
      respondWith(() => {
        const url = new URL(request.url);
        if (/(^|\/)(v2\/Services|2010-04-01\/Accounts)(\/|$)/.test(url.pathname)) {
          requireBasicAuth(request, accounts);
        }
        const allowed = routes
          .filter((candidate) => matchRoute(url, candidate.pattern) !== null)
          .map((candidate) => candidate.method);
        if (allowed.length > 0) throw methodNotAllowed(request.method, [...new Set(allowed)]);
        throw notFound(url.pathname.length > 200 ? 'at this path' : url.pathname);
      }),
  );
  return [...matched, unmatched];
}
