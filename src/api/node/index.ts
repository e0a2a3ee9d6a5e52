export { setupVerifyServer, type VerifySimulatorServer } from './setupVerifyServer.ts';
export { serveVerifyHttp, type VerifyHttpServer } from './serveHttp.ts';
