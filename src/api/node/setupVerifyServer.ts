import { setupServer, type SetupServer } from 'msw/node';
import { CallsService } from '../calls/callsService.ts';
import { createVerifyHandlers } from '../handlers.ts';
import { VerifyService, type VerifyServiceOptions } from '../verifyService.ts';

export interface VerifySimulatorServer {
  readonly server: SetupServer;
  readonly service: VerifyService;
  /** The Calls API's calls, over the same phones and clock. */
  readonly calls: CallsService;
}

/**
 * A ready msw/node server for the Verify simulator: call `server.listen()` and any HTTP client
 * in the process (fetch, the twilio library) talks to the simulator instead of Twilio.
 */
export function setupVerifyServer(
  options: VerifyServiceOptions & { baseUrl?: string } = {},
): VerifySimulatorServer {
  const { baseUrl, ...serviceOptions } = options;
  const service = new VerifyService(serviceOptions);
  const calls = new CallsService(service);
  const handlers = createVerifyHandlers({ service, calls, ...(baseUrl ? { baseUrl } : {}) });
  return { server: setupServer(...handlers), service, calls };
}
