/**
 * The Node adapter that sends a `url` flow's TwiML requests to the user's webhook server as
 * Twilio's voice platform does: form-encoded POST or query-string GET, signed with
 * X-Twilio-Signature, over keep-alive connections, with Twilio's 15 s deadline. Every failure is
 * an answer (a TwimlResponse with Twilio's error code), never a thrown error.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import type { Ms } from '../core/units.ts';
import type {
  TwimlRequest,
  TwimlResponse,
  WebhookClient,
  WebhookFailureKind,
} from '../twiml/webhook.ts';

/**
 * Twilio waits 15 s in all for an HTTP answer, TCP connection included, then fails the request
 * with error 11205 (https://www.twilio.com/docs/api/errors/11205).
 */
export const TWILIO_WEBHOOK_TIMEOUT_MS: Ms = 15_000;

/**
 * Twilio refuses a TwiML answer larger than 64 kB with error 11750, "TwiML response body too
 * large" (https://www.twilio.com/docs/api/errors/11750); read here as 64 × 1024 bytes.
 */
export const TWIML_MAX_BODY_BYTES = 64 * 1024;

/**
 * Twilio's error codes for a webhook that gave no document (https://www.twilio.com/docs/api/errors).
 */
export const WEBHOOK_ERROR = {
  /** Not a fully qualified http:// or https:// URL (https://www.twilio.com/docs/api/errors/11100). */
  invalidUrl: 11100,
  /** A 4xx or 5xx answer, among others (https://www.twilio.com/docs/api/errors/11200). */
  retrievalFailure: 11200,
  /** No TCP connection, or no answer within 15 s (https://www.twilio.com/docs/api/errors/11205). */
  connectionFailure: 11205,
  /** An answer that is not valid HTTP (11206, "HTTP protocol violation", Twilio's dictionary). */
  protocolViolation: 11206,
  /** The host name does not resolve (https://www.twilio.com/docs/api/errors/11210). */
  badHostName: 11210,
  /** A body over 64 kB (https://www.twilio.com/docs/api/errors/11750). */
  bodyTooLarge: 11750,
  /** Not an XML document with a `<Response>` root (https://www.twilio.com/docs/api/errors/12100). */
  parseFailure: 12100,
  /** A Content-Type Twilio cannot run as TwiML (https://www.twilio.com/docs/errors/12300). */
  invalidContentType: 12300,
} as const;

/**
 * The Content-Types Twilio runs as TwiML ("Twilio understands MIME types",
 * https://www.twilio.com/docs/api/twiml/your_response). It reads `text/plain` aloud and plays
 * audio types; the simulator runs TwiML only, so those are not-twiml here.
 */
const TWIML_CONTENT_TYPES = new Set(['text/xml', 'application/xml', 'text/html']);

/**
 * The start of a TwiML document: an optional byte-order mark and XML declaration, then white
 * space and comments, then the `<Response` root. White space before the declaration is one of
 * Twilio's listed causes of 12100 (https://www.twilio.com/docs/api/errors/12100), so the
 * declaration must come first when there is one. Well-formedness is the TwiML parser's job.
 */
const TWIML_START = /^\uFEFF?(?:<\?xml[^>]*\?>)?(?:\s|<!--[\s\S]*?-->)*<Response[\s/>]/;

/** Network errors that mean the host name did not resolve (getaddrinfo). */
const DNS_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/** Errors of a kept-alive socket the server closed while idle: the request is sent once more. */
const STALE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Characters of a body quoted in a failure's message. */
const QUOTE_CHARS = 80;

export interface NodeWebhookClientOptions {
  /** The account's auth token: the HMAC key of X-Twilio-Signature. */
  readonly authToken: string;
  /** Deadline for an answer, counted from the moment a connection is assigned; default 15 s. */
  readonly timeoutMs?: Ms;
  /** Largest body read; a larger one is not-twiml (Twilio: 64 kB, error 11750). */
  readonly maxBodyBytes?: number;
  /** Connections per host:port (node's Agent `maxSockets`); more requests wait; default 256. */
  readonly maxSockets?: number;
}

/** A WebhookClient over node:http and node:https. */
export interface NodeWebhookClient extends WebhookClient {
  /** Aborts requests in flight (they answer `unreachable`) and closes every connection. */
  close(): Promise<void>;
}

/**
 * X-Twilio-Signature for a request (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
 * base64 of HMAC-SHA1, keyed with the auth token, over the full URL (query string included)
 * followed by each POST parameter's name then value, names in sorted order, no separators. A GET
 * request's parameters are in its URL, so pass none. Names sort by UTF-16 code unit, as the
 * official Node library does (getExpectedTwilioSignature,
 * https://github.com/twilio/twilio-node/blob/main/src/webhooks/webhooks.ts).
 */
export function twilioSignature(
  authToken: string,
  url: string,
  postParams: Readonly<Record<string, string>>,
): string {
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const name of Object.keys(postParams).sort()) {
    hmac.update(name, 'utf8').update(postParams[name]!, 'utf8');
  }
  return hmac.digest('base64');
}

/** A request ready to send: the URL as sent and signed, its body, its signature. */
interface PreparedRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly body: string | null;
  readonly signature: string;
}

/**
 * The URL a request goes to: no fragment (never sent), and for GET the parameters form-encoded
 * after any query the URL already has, which is kept as written.
 */
export function requestUrl(request: TwimlRequest): URL {
  const url = new URL(request.url);
  url.hash = '';
  const query = new URLSearchParams(request.params).toString();
  if (request.method === 'POST' || query === '') return url;
  const separator = url.search !== '' ? '&' : url.href.endsWith('?') ? '' : '?';
  return new URL(url.href + separator + query);
}

/** Sends TwiML requests as Twilio does; see NodeWebhookClientOptions for the settings. */
export function nodeWebhookClient(options: NodeWebhookClientOptions): NodeWebhookClient {
  const timeoutMs = options.timeoutMs ?? TWILIO_WEBHOOK_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? TWIML_MAX_BODY_BYTES;
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 256 };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const inFlight = new Set<http.ClientRequest>();
  const sockets = new Set<Socket>();
  let closed = false;

  function prepare(request: TwimlRequest): PreparedRequest | TwimlResponse {
    let url: URL;
    try {
      url = requestUrl(request);
    } catch {
      return failure('unreachable', WEBHOOK_ERROR.invalidUrl, `not a URL: "${request.url}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return failure(
        'unreachable',
        WEBHOOK_ERROR.invalidUrl,
        `${url.protocol} URLs are not fetched (expected http: or https:): "${request.url}"`,
      );
    }
    const isPost = request.method === 'POST';
    return {
      url,
      method: request.method,
      body: isPost ? new URLSearchParams(request.params).toString() : null,
      signature: twilioSignature(options.authToken, url.href, isPost ? request.params : {}),
    };
  }

  /** One exchange; a stale kept-alive socket gets one retry on a fresh one. */
  function send(prepared: PreparedRequest, retried: boolean): Promise<TwimlResponse> {
    if (closed) return Promise.resolve(clientClosed());
    return new Promise((resolve) => {
      const headers: http.OutgoingHttpHeaders = { 'X-Twilio-Signature': prepared.signature };
      if (prepared.body !== null) {
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
        headers['Content-Length'] = Buffer.byteLength(prepared.body);
      }
      const transport = prepared.url.protocol === 'https:' ? https : http;
      const req = transport.request(prepared.url, {
        method: prepared.method,
        headers,
        agent: agents[prepared.url.protocol as 'http:' | 'https:'],
      });
      inFlight.add(req);
      let timer: NodeJS.Timeout | undefined;
      let responded = false;
      let answered = false;
      const finish = (response: TwimlResponse | Promise<TwimlResponse>) => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        inFlight.delete(req);
        resolve(response);
      };
      req.on('socket', (socket) => {
        trackSocket(socket);
        timer = setTimeout(() => {
          const message = `no answer within ${timeoutMs} ms`;
          finish(failure('timeout', WEBHOOK_ERROR.connectionFailure, message));
          req.destroy();
        }, timeoutMs);
      });
      req.on('response', (res) => {
        responded = true;
        readBody(res, maxBodyBytes, (outcome) => finish(classify(res, outcome, maxBodyBytes)));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        // The server closed an idle kept-alive connection as it was reused: not the server's
        // failure, so the request goes once more, on a new connection.
        const stale = req.reusedSocket && !responded && STALE_SOCKET_ERRORS.has(error.code ?? '');
        if (closed) finish(clientClosed());
        else if (stale && !retried) finish(send(prepared, true));
        else finish(networkFailure(prepared.url, error));
      });
      req.end(prepared.body ?? undefined);
    });
  }

  function trackSocket(socket: Socket): void {
    if (sockets.has(socket)) return;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  }

  return {
    request(request) {
      const prepared = prepare(request);
      return 'ok' in prepared ? Promise.resolve(prepared) : send(prepared, false);
    },
    async close() {
      closed = true;
      for (const req of inFlight) req.destroy();
      const closing = [...sockets].map(
        (socket) => new Promise<void>((done) => socket.once('close', () => done())),
      );
      for (const socket of sockets) socket.destroy();
      agents['http:'].destroy();
      agents['https:'].destroy();
      await Promise.all(closing);
    },
  };
}

/** A body as read: its bytes, or why reading stopped. */
type BodyOutcome =
  | { readonly read: 'whole'; readonly bytes: Buffer }
  | { readonly read: 'too-large'; readonly declared: number | null }
  | { readonly read: 'broken'; readonly error: NodeJS.ErrnoException };

/**
 * Reads an answer's body up to `maxBytes`. A larger one (declared or sent) stops the read and
 * destroys the connection; a non-2xx answer's body is read whole but kept only in part, so the
 * connection stays reusable.
 */
function readBody(
  res: http.IncomingMessage,
  maxBytes: number,
  done: (outcome: BodyOutcome) => void,
): void {
  const declared = Number(res.headers['content-length'] ?? NaN);
  const keepAll = isSuccess(res.statusCode);
  if (keepAll && declared > maxBytes) {
    res.destroy();
    done({ read: 'too-large', declared });
    return;
  }
  const chunks: Buffer[] = [];
  let length = 0;
  let stopped = false;
  res.on('data', (chunk: Buffer) => {
    if (stopped) return;
    length += chunk.length;
    if (keepAll && length > maxBytes) {
      stopped = true;
      res.destroy();
      done({ read: 'too-large', declared: null });
    } else if (keepAll || length - chunk.length < maxBytes) {
      chunks.push(chunk);
    }
  });
  res.on('end', () => {
    if (!stopped) done({ read: 'whole', bytes: Buffer.concat(chunks) });
  });
  res.on('error', (error: NodeJS.ErrnoException) => {
    if (stopped) return;
    stopped = true;
    done({ read: 'broken', error });
  });
}

/** The TwimlResponse for an answer that arrived. */
function classify(
  res: http.IncomingMessage,
  outcome: BodyOutcome,
  maxBodyBytes: number,
): TwimlResponse {
  const status = res.statusCode ?? 0;
  if (outcome.read === 'broken') {
    return failure(
      'unreachable',
      WEBHOOK_ERROR.connectionFailure,
      `the answer (HTTP ${status}) broke off: ${errorText(outcome.error)}`,
      status,
    );
  }
  if (outcome.read === 'too-large') {
    const size = outcome.declared === null ? 'more than' : `${outcome.declared} bytes, over`;
    return failure(
      'not-twiml',
      WEBHOOK_ERROR.bodyTooLarge,
      `the body is ${size} the limit of ${maxBodyBytes} bytes`,
      status,
    );
  }
  const body = new TextDecoder().decode(outcome.bytes);
  if (!isSuccess(status)) {
    return failure(
      'http-status',
      WEBHOOK_ERROR.retrievalFailure,
      `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}${bodyQuote(body)}`,
      status,
    );
  }
  const contentType = res.headers['content-type'];
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  if (!TWIML_CONTENT_TYPES.has(mediaType)) {
    return failure(
      'not-twiml',
      WEBHOOK_ERROR.invalidContentType,
      `expected Content-Type text/xml, application/xml or text/html; found ${
        contentType === undefined ? 'none' : `"${contentType}"`
      }${mediaType === 'text/plain' || mediaType.startsWith('audio/') ? ' (Twilio would read text or play audio; the simulator runs TwiML only)' : ''}`,
      status,
    );
  }
  if (!TWIML_START.test(body)) {
    return failure(
      'not-twiml',
      WEBHOOK_ERROR.parseFailure,
      `expected a TwiML document (<Response> after an optional XML declaration); found ${
        body === '' ? 'an empty body' : `"${shorten(body)}"`
      }`,
      status,
    );
  }
  return { ok: true, body, status };
}

/** A network error before any answer. */
function networkFailure(url: URL, error: NodeJS.ErrnoException): TwimlResponse {
  const code = error.code ?? '';
  if (DNS_ERRORS.has(code)) {
    return failure(
      'unreachable',
      WEBHOOK_ERROR.badHostName,
      `the host name "${url.hostname}" does not resolve (${code})`,
    );
  }
  if (code.startsWith('HPE_')) {
    return failure(
      'unreachable',
      WEBHOOK_ERROR.protocolViolation,
      `the answer from ${url.host} is not valid HTTP: ${errorText(error)}`,
    );
  }
  return failure(
    'unreachable',
    WEBHOOK_ERROR.connectionFailure,
    `no connection to ${url.host}: ${errorText(error)}`,
  );
}

function clientClosed(): TwimlResponse {
  return failure('unreachable', WEBHOOK_ERROR.connectionFailure, 'the webhook client was closed');
}

function failure(
  kind: WebhookFailureKind,
  twilioCode: number,
  message: string,
  status: number | null = null,
): TwimlResponse {
  return { ok: false, kind, twilioCode, message, status };
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

function errorText(error: NodeJS.ErrnoException): string {
  return error.code !== undefined && !error.message.includes(error.code)
    ? `${error.code} ${error.message}`
    : error.message;
}

function bodyQuote(body: string): string {
  const text = body.trim();
  return text === '' ? '' : `: "${shorten(text)}"`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= QUOTE_CHARS ? oneLine : `${oneLine.slice(0, QUOTE_CHARS)}…`;
}
