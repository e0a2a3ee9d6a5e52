import type { CodePolicy } from '../scenario/index.ts';

export type TtlCodePolicy = Extract<CodePolicy, { kind: 'ttl' }>;
export type TotpCodePolicy = Extract<CodePolicy, { kind: 'totp' }>;
