import type { Accounts } from './accounts.ts';
import { mediaType, readBodyText } from './requestBody.ts';
import { ERROR_CODES, invalidParameter, VerifyError } from './verifyError.ts';

const FORM = 'application/x-www-form-urlencoded';

/**
 * A form-encoded request body (Verify takes nothing else), size-checked before it is parsed.
 * An empty body is an empty form, whatever its declared type.
 */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const text = await readBodyText(request);
  if (text === '') return new URLSearchParams();
  const type = mediaType(request);
  if (type !== FORM) {
    throw invalidParameter(
      'Content-Type',
      `the body was sent as ${type === '' ? 'no type' : type}; Verify reads parameters only ` +
        `form-encoded (${FORM}, e.g. To=%2B15017122661&Channel=call)`,
    );
  }
  return new URLSearchParams(text);
}

/**
 * The account sid the request acts as, from HTTP Basic auth (an account sid and its auth token,
 * or an API key and its secret), checked against `accounts`. Checked before the body is read,
 * as Twilio checks credentials before anything else.
 */
export function requireBasicAuth(request: Request, accounts: Accounts): string {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  let credentials = '';
  if (match) {
    try {
      credentials = atob(match[1]!);
    } catch {
      // Not base64: treated like a missing header below.
    }
  }
  const colon = credentials.indexOf(':');
  const user = colon > 0 ? credentials.slice(0, colon) : '';
  const secret = colon > 0 ? credentials.slice(colon + 1) : '';
  if (user === '' || secret === '') {
    throw new VerifyError(
      401,
      ERROR_CODES.authenticate,
      'Authenticate: send HTTP Basic auth with your account sid (or API key) and secret',
    );
  }
  return accounts.authenticate(user, secret);
}
