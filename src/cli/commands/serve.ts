import { serveVerifyHttp } from '../../api/node/index.ts';
import { UsageError } from '../exitCodes.ts';

/** Serves the Verify-compatible simulator over HTTP on loopback until interrupted. */
export async function serveCommand(options: { port: number; host: string }): Promise<void> {
  let served;
  try {
    served = await serveVerifyHttp({ port: options.port, host: options.host });
  } catch (error) {
    // listen() fails with a system error code (EADDRINUSE, EACCES, EADDRNOTAVAIL, ENOTFOUND:
    // Node's net documentation, server.listen and 'error') on a port or host it cannot have.
    if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
    throw new UsageError(
      `cannot listen on ${options.host}:${options.port} (${(error as Error).message}).`,
      { cause: error },
    );
  }
  process.stdout.write(
    `Verify simulator listening on ${served.url}\n` +
      `  Verify API:    ${served.url}/v2/Services ...\n` +
      `  control plane: ${served.url}/sim/v1/Phones/{number} ...\n` +
      `Ctrl+C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      void served.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
