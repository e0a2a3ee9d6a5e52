import { createServer as createMswHttpServer } from '@mswjs/http-middleware';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallsService } from '../calls/callsService.ts';
import { createVerifyHandlers } from '../handlers.ts';
import { VerifyService, type VerifyServiceOptions } from '../verifyService.ts';

export interface VerifyHttpServer {
  readonly url: string;
  readonly service: VerifyService;
  /** The Calls API's calls, over the same phones and clock. */
  readonly calls: CallsService;
  close(): Promise<void>;
}

/**
 * Serves the same msw handlers over real HTTP on loopback, so applications in any language can
 * point their Verify base URL at the simulator. Port 0 picks a free port. The server is the
 * simulator's alone, so every path answers: unknown ones with Verify's 404 error body.
 */
export async function serveVerifyHttp(
  options: VerifyServiceOptions & { port?: number; host?: string } = {},
): Promise<VerifyHttpServer> {
  const { port = 4010, host = '127.0.0.1', ...serviceOptions } = options;
  const service = new VerifyService(serviceOptions);
  const calls = new CallsService(service);
  const app = createMswHttpServer(...createVerifyHandlers({ service, calls, ownsEveryPath: true }));
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(port, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    service,
    calls,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
