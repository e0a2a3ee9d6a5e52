export { setupVerifyServer, type VerifySimulatorServer } from './setupVerifyServer.ts';
export {
  serveVerifyHttp,
  DEFAULT_TIMEOUTS,
  type HttpTimeouts,
  type ServeOptions,
  type VerifyHttpServer,
} from './serveHttp.ts';
export { DEFAULT_ACCOUNT, type AccountCredentials, type ApiKeyCredentials } from '../accounts.ts';
