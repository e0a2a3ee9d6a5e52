import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import { DEFAULT_ACCOUNT } from '../accounts.ts';
import { CallsService } from '../calls/callsService.ts';
import { createVerifyHandlers } from '../handlers.ts';
import { MAX_BODY_BYTES } from '../requestBody.ts';
import { VerifyError, ERROR_CODES } from '../verifyError.ts';
import { errorJson } from '../verifyJson.ts';
import { VerifyService, type VerifyServiceOptions } from '../verifyService.ts';

export interface VerifyHttpServer {
  /** Where the server listens, e.g. http://127.0.0.1:4010. */
  readonly url: string;
  /** What every `url`, `links` entry and paging URL in an answer starts with. */
  readonly publicUrl: string;
  readonly service: VerifyService;
  /** The Calls API's calls, over the same phones and clock. */
  readonly calls: CallsService;
  close(): Promise<void>;
}

/** How long a client may take, in milliseconds: Node's server timeouts (node:http, createServer). */
export interface HttpTimeouts {
  /** The request line and headers must have arrived within this (Node's headersTimeout). */
  readonly headersMs: number;
  /** The whole request, body included (Node's requestTimeout). */
  readonly requestMs: number;
  /** An idle keep-alive connection is closed after this (Node's keepAliveTimeout). */
  readonly keepAliveMs: number;
}

/**
 * A Verify request is a few hundred bytes and arrives at once; a client that takes 10 s for
 * its headers or 30 s for the whole request is stalled or hostile (slowloris), not slow.
 */
export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
};

export interface ServeOptions extends VerifyServiceOptions {
  readonly port?: number;
  readonly host?: string;
  /** Default: the address the server listens on. */
  readonly publicUrl?: string;
  readonly timeouts?: Partial<HttpTimeouts>;
  /** Where an internal error (a bug) is reported; the process goes on either way. */
  readonly logError?: (line: string) => void;
}

/**
 * Serves the simulator's handlers over real HTTP, so applications in any language can point
 * their Verify base URL at it. Port 0 picks a free port. The server is the simulator's alone, so
 * every path answers: unknown ones with Verify's 404 error body.
 *
 * No request can end the process or disturb another: the request target is read against the
 * server's own origin (the Host header is never parsed), the body is read here up to the limit,
 * anything a handler throws becomes a 500 error body, and bytes that are not HTTP at all get
 * Node's parser error answered as a 400 (431 for oversized headers, 408 for a client too slow)
 * in Twilio's error shape before the connection is closed.
 */
export async function serveVerifyHttp(options: ServeOptions = {}): Promise<VerifyHttpServer> {
  const { port = 4010, host = '127.0.0.1', publicUrl, timeouts, logError, ...rest } = options;
  const limits = { ...DEFAULT_TIMEOUTS, ...timeouts };
  // Over HTTP anyone on the machine can call: only registered credentials get in, the default
  // test account unless others are given.
  const service = new VerifyService({
    realNow: Date.now,
    ...rest,
    auth: rest.auth ?? { mode: 'registered', accounts: [DEFAULT_ACCOUNT] },
  });
  const calls = new CallsService(service);
  let handlers: HttpHandler[] = [];
  let origin = '';
  const server = createServer(
    {
      headersTimeout: limits.headersMs,
      requestTimeout: limits.requestMs,
      keepAliveTimeout: limits.keepAliveMs,
      // Node checks the two timeouts above this often (default 30 s).
      connectionsCheckingInterval: Math.min(1000, limits.headersMs),
    },
    (request, response) => {
      void answer(request, response, origin, handlers).catch((error: unknown) => {
        (logError ?? defaultLog)(`sim serve: internal error: ${describe(error)}`);
        respondRaw(response, new VerifyError(500, ERROR_CODES.internal, 'Internal error'));
      });
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    answerClientError(error, socket);
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  const base = (publicUrl ?? origin).replace(/\/$/, '');
  handlers = createVerifyHandlers({ service, calls, baseUrl: base, ownsEveryPath: true });
  return {
    url: origin,
    publicUrl: base,
    service,
    calls,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function defaultLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** One request, start to finish: its target, its body (bounded), the handlers, the answer. */
async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  origin: string,
  handlers: readonly HttpHandler[],
): Promise<void> {
  const target = request.url ?? '';
  const url = target.startsWith('/') ? parseUrl(origin + target) : null;
  if (url === null) {
    request.resume();
    respondRaw(
      response,
      new VerifyError(
        400,
        ERROR_CODES.invalidParameter,
        'Invalid parameter: request target: send a path beginning with /, such as /v2/Services',
      ),
    );
    return;
  }
  const body = await readBoundedBody(request);
  if (body === null) return; // the client went away mid-request: nobody to answer
  if (body.truncated) response.shouldKeepAlive = false;
  const fetchRequest = toFetchRequest(request, url, body.bytes);
  const answered = fetchRequest && (await getResponse([...handlers], fetchRequest));
  if (!answered) {
    respondRaw(
      response,
      new VerifyError(400, ERROR_CODES.invalidParameter, 'Invalid parameter: request: unreadable'),
    );
    return;
  }
  const bytes = new Uint8Array(await answered.arrayBuffer());
  if (response.destroyed) return;
  response.writeHead(answered.status, Object.fromEntries(answered.headers));
  response.end(bytes);
  if (body.truncated) response.once('finish', () => request.socket.destroySoon());
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * A Fetch API request for the handlers, or null when Node accepted something the Fetch API
 * does not (a method such as TRACE, a header value it refuses).
 */
function toFetchRequest(request: IncomingMessage, url: URL, body: Uint8Array): Request | null {
  const method = request.method ?? 'GET';
  try {
    const headers = new Headers();
    for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
      headers.append(request.rawHeaders[i]!, request.rawHeaders[i + 1]!);
    }
    const hasBody = method !== 'GET' && method !== 'HEAD' && body.byteLength > 0;
    return new Request(url, {
      method,
      headers,
      ...(hasBody ? { body: new Uint8Array(body) } : {}),
    });
  } catch {
    return null;
  }
}

/**
 * The body up to MAX_BODY_BYTES + 1 bytes: enough for the handlers to answer 413 where they
 * would. The rest is never read (`truncated`), so the connection cannot carry another request
 * and is closed after the answer. A declared Content-Length over the limit is not read at all.
 * Null when the client closed the connection or broke the framing before the body ended.
 */
function readBoundedBody(
  request: IncomingMessage,
): Promise<{ bytes: Uint8Array; truncated: boolean } | null> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    request.pause();
    return Promise.resolve({ bytes: new Uint8Array(0), truncated: true });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: { bytes: Uint8Array; truncated: boolean } | null) => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        finish({ bytes: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES + 1), truncated: true });
      }
    };
    const onEnd = () => finish({ bytes: Buffer.concat(chunks), truncated: false });
    const onClose = () =>
      finish(request.complete ? { bytes: Buffer.concat(chunks), truncated: false } : null);
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    // A broken body (bad chunk framing, a reset) errors the request; 'close' follows.
    request.on('error', () => undefined);
  });
}

/** A Twilio error body written straight to the response, if it can still be written. */
function respondRaw(response: ServerResponse, error: VerifyError): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const body = JSON.stringify(errorJson(error));
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** Node's HTTP parser codes for the errors that have an HTTP status of their own. */
const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
};

/**
 * Bytes Node's parser refused (not HTTP, a bad header, a client too slow): answered once in
 * Twilio's error shape when nothing has been written on the connection yet, then closed, as
 * Node's own default does (node:http, 'clientError').
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || (inFlight && inFlight.headersSent)) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const message =
    status === 408
      ? 'Request timeout: the request did not arrive in time'
      : status === 431
        ? 'Invalid parameter: headers: larger than the server reads'
        : `Invalid parameter: request: not HTTP/1.1 the server can read (${error.code ?? 'parse error'})`;
  const body = JSON.stringify(
    errorJson(new VerifyError(status, ERROR_CODES.invalidParameter, message)),
  );
  const reason = {
    400: 'Bad Request',
    408: 'Request Timeout',
    413: 'Payload Too Large',
    431: 'Request Header Fields Too Large',
  }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  socket.destroySoon();
}
