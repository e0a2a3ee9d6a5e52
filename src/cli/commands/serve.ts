import { serveVerifyHttp } from '../../api/node/index.ts';

/** Serves the Verify-compatible simulator over HTTP on loopback until interrupted. */
export async function serveCommand(options: { port: number; host: string }): Promise<void> {
  const served = await serveVerifyHttp({ port: options.port, host: options.host });
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
