import {
  DEFAULT_ACCOUNT,
  serveVerifyHttp,
  type AccountCredentials,
  type ApiKeyCredentials,
} from '../../api/node/index.ts';
import { UsageError } from '../exitCodes.ts';

export interface ServeCommandOptions {
  readonly port: number;
  readonly host: string;
  readonly publicUrl?: string;
  /** `AC…:token`, each an account that may call. */
  readonly account?: readonly string[];
  /** `SK…:secret`, each an API key of the first account. */
  readonly apiKey?: readonly string[];
  readonly clock: 'real' | 'simulated';
}

/** `AC` or `SK` and 32 lowercase hex digits, a colon, then the secret. */
function credentials(option: string, prefix: 'AC' | 'SK', value: string): [string, string] {
  const match = new RegExp(`^(${prefix}[0-9a-f]{32}):([\\x21-\\x7e]{1,128})$`).exec(value);
  if (!match) {
    throw new UsageError(
      `${option} must be ${prefix} and 32 lowercase hex digits, a colon, then the secret ` +
        `(1 to 128 printable characters); found "${value.slice(0, 60)}".`,
    );
  }
  return [match[1]!, match[2]!];
}

function publicUrlOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new UsageError(
      `--public-url must be an http or https URL with no query, such as http://localhost:4010; found "${value}".`,
    );
  }
  return url.href.replace(/\/$/, '');
}

/** Serves the Verify-compatible simulator over HTTP on loopback until interrupted. */
export async function serveCommand(options: ServeCommandOptions): Promise<void> {
  const accounts: AccountCredentials[] = (options.account ?? []).map((value) => {
    const [sid, authToken] = credentials('--account', 'AC', value);
    return { sid, authToken };
  });
  if (accounts.length === 0) accounts.push(DEFAULT_ACCOUNT);
  const keys: ApiKeyCredentials[] = (options.apiKey ?? []).map((value) => {
    const [sid, secret] = credentials('--api-key', 'SK', value);
    return { sid, secret, accountSid: accounts[0]!.sid };
  });
  const publicUrl = publicUrlOf(options.publicUrl);
  let served;
  try {
    served = await serveVerifyHttp({
      port: options.port,
      host: options.host,
      clock: options.clock,
      auth: { mode: 'registered', accounts, keys },
      ...(publicUrl !== undefined ? { publicUrl } : {}),
    });
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
      (served.publicUrl !== served.url ? `  public URL:    ${served.publicUrl}\n` : '') +
      `  Verify API:    ${served.publicUrl}/v2/Services ...\n` +
      `  control plane: ${served.publicUrl}/sim/v1/Phones/{number} ...\n` +
      accounts.map((a) => `  account:       ${a.sid} auth token ${a.authToken}\n`).join('') +
      keys.map((k) => `  API key:       ${k.sid} secret ${k.secret}\n`).join('') +
      `  clock:         ${options.clock}\n` +
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
