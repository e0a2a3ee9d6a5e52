export { createVerifyHandlers, VERIFY_BASE_URL, type VerifyHandlerOptions } from './handlers.ts';
export {
  VerifyService,
  type VerifyServiceOptions,
  type VerifyServiceSnapshot,
} from './verifyService.ts';
export { VerifyError } from './verifyError.ts';
export type {
  PhoneSetup,
  VoicemailMessage,
  CallLogEntry,
  SmsMessage,
  HandsetCall,
} from './phoneNetwork.ts';
export { CallsService, type CallRecord, type CallStatus } from './calls/callsService.ts';
