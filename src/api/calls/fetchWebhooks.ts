/**
 * The Calls API's requests to the app, over `fetch` so they run wherever the simulator runs (a
 * page, a worker, Node): TwiML requests (a WebhookClient, as src/node/webhookClient.ts answers
 * them for the command line) and status callbacks, each signed with X-Twilio-Signature by Web
 * Crypto's HMAC-SHA1.
 */
import type { TwimlRequest, TwimlResponse, WebhookClient } from '../../twiml/index.ts';

/**
 * Twilio waits 15 s for an answer, then fails the request with error 11205
 * (https://www.twilio.com/docs/api/errors/11205).
 */
export const WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * The Content-Types Twilio runs as TwiML ("Twilio understands MIME types",
 * https://www.twilio.com/docs/api/twiml/your_response); the simulator runs TwiML only.
 */
const TWIML_CONTENT_TYPES = new Set(['text/xml', 'application/xml', 'text/html']);

/**
 * Twilio refuses a TwiML answer larger than 64 kB with error 11750
 * (https://www.twilio.com/docs/api/errors/11750).
 */
const MAX_TWIML_BYTES = 64 * 1024;

/**
 * X-Twilio-Signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security): base64 of
 * HMAC-SHA1 keyed with the auth token over the full URL followed by each POST parameter's name
 * then value, names sorted (by UTF-16 code unit, as twilio-node's getExpectedTwilioSignature
 * sorts them). A GET request's parameters are in its URL: pass none.
 */
export async function twilioSignature(
  authToken: string,
  url: string,
  postParams: Readonly<Record<string, string>>,
): Promise<string> {
  let data = url;
  for (const name of Object.keys(postParams).sort()) data += name + postParams[name]!;
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(authToken),
    { name: 'HMAC', hash: 'SHA-1' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(data)));
  let binary = '';
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A request to the app as sent: URL (GET parameters in its query), method, body, signature. */
async function prepare(
  authToken: string,
  request: TwimlRequest,
): Promise<{ url: string; init: RequestInit }> {
  const url = new URL(request.url);
  url.hash = '';
  const isPost = request.method === 'POST';
  if (!isPost) {
    for (const [name, value] of Object.entries(request.params))
      url.searchParams.append(name, value);
  }
  const signature = await twilioSignature(authToken, url.href, isPost ? request.params : {});
  const headers: Record<string, string> = { 'X-Twilio-Signature': signature };
  if (isPost) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return {
    url: url.href,
    init: {
      method: request.method,
      headers,
      ...(isPost ? { body: new URLSearchParams(request.params).toString() } : {}),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    },
  };
}

/** The app's side of a call: TwiML requests and callbacks, signed with `authToken`. */
export interface AppWebhooks extends WebhookClient {
  /** A status or AMD callback; its answer is not read, a failure is the app's own. */
  callback(request: TwimlRequest): Promise<void>;
}

/** AppWebhooks over `fetch`. Every failure of a TwiML request is an answer, never a throw. */
export function fetchWebhooks(authToken: string): AppWebhooks {
  return {
    async request(request) {
      try {
        const { url, init } = await prepare(authToken, request);
        return await classify(await fetch(url, init));
      } catch (error) {
        return unreachable(error);
      }
    },
    async callback(request) {
      try {
        const { url, init } = await prepare(authToken, request);
        const response = await fetch(url, init);
        await response.arrayBuffer();
      } catch {
        // Twilio records a failed callback in the call's log and goes on with the call.
      }
    },
  };
}

async function classify(response: Response): Promise<TwimlResponse> {
  const body = await response.text();
  const { status } = response;
  if (status < 200 || status >= 300) {
    // https://www.twilio.com/docs/api/errors/11200: HTTP retrieval failure.
    return { ok: false, kind: 'http-status', twilioCode: 11200, message: `HTTP ${status}`, status };
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!TWIML_CONTENT_TYPES.has(type)) {
    // https://www.twilio.com/docs/errors/12300: invalid Content-Type.
    const message = `expected Content-Type text/xml or application/xml; found "${type}"`;
    return { ok: false, kind: 'not-twiml', twilioCode: 12300, message, status };
  }
  if (new TextEncoder().encode(body).byteLength > MAX_TWIML_BYTES) {
    const message = `the body is over the limit of ${MAX_TWIML_BYTES} bytes`;
    return { ok: false, kind: 'not-twiml', twilioCode: 11750, message, status };
  }
  return { ok: true, body, status };
}

function unreachable(error: unknown): TwimlResponse {
  const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
  const message = timedOut
    ? `no answer within ${WEBHOOK_TIMEOUT_MS} ms`
    : `no connection: ${error instanceof Error ? error.message : String(error)}`;
  // https://www.twilio.com/docs/api/errors/11205: HTTP connection failure.
  return {
    ok: false,
    kind: timedOut ? 'timeout' : 'unreachable',
    twilioCode: 11205,
    message,
    status: null,
  };
}
