export { issueVerification } from './issueVerification.ts';
export { constantTimeEqual } from './constantTimeEqual.ts';
export { VERIFICATION_LIFETIME_SECONDS } from './lifetime.ts';
export type { CheckOutcome, Verification, VerificationStatus } from './types.ts';
