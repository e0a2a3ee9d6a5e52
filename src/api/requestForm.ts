import { ERROR_CODES, invalidParameter, VerifyError } from './verifyError.ts';

/** Larger bodies are refused before parsing: no Verify request comes close. */
const MAX_BODY_CHARS = 16_384;

/** A form-encoded request body, refused unless it is one (Verify takes nothing else). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) {
    throw invalidParameter('body', `send at most ${MAX_BODY_CHARS} characters`);
  }
  const contentType = request.headers.get('content-type') ?? '';
  if (text.length > 0 && !contentType.startsWith('application/x-www-form-urlencoded')) {
    throw invalidParameter('Content-Type', 'send application/x-www-form-urlencoded');
  }
  return new URLSearchParams(text);
}

/** The account sid from HTTP Basic auth (account sid or API key, and a secret). */
export function requireBasicAuth(request: Request): string {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header);
  let user = '';
  let password = '';
  if (match) {
    try {
      [user = '', password = ''] = atob(match[1]!).split(':');
    } catch {
      // Not base64: treated like a missing header below.
    }
  }
  if (user === '' || password === '') {
    throw new VerifyError(
      401,
      ERROR_CODES.authenticate,
      'Authenticate: send HTTP Basic auth with your account sid and auth token',
    );
  }
  return user;
}
