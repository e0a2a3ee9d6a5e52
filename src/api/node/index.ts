export { setupVerifyServer, type VerifySimulatorServer } from './setupVerifyServer.ts';
