import type { Rng } from '../core/rng.ts';
import { constantTimeEqual } from '../otp/constantTimeEqual.ts';
import { createSidGenerator, type SidGenerator } from '../twiml/index.ts';
import { ERROR_CODES, invalidParameter, VerifyError } from './verifyError.ts';

/** An account: its sid (`AC…`) and auth token, the Basic auth password that goes with it. */
export interface AccountCredentials {
  readonly sid: string;
  readonly authToken: string;
}

/** An API key (`SK…`) and its secret, authenticating as the account it belongs to. */
export interface ApiKeyCredentials {
  readonly sid: string;
  readonly secret: string;
  readonly accountSid: string;
}

/**
 * `sim serve`'s test account when none is given: printed at start and in the README. Its token
 * is the default `platform.authToken` of the TwiML scenarios, so one secret signs both ways.
 */
export const DEFAULT_ACCOUNT: AccountCredentials = {
  sid: `AC${'0'.repeat(32)}`,
  authToken: 'voice-otp-lab-test-token',
};

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const KEY_SID = /^SK[0-9a-f]{32}$/;
/** A secret is 1 to 128 printable ASCII characters (what fits in a Basic auth password here). */
const SECRET = /^[\x21-\x7e]{1,128}$/;

/**
 * Who may call the Verify API: `open` accepts any account sid with any secret (the in-process
 * msw setup, where the test owns the process), `registered` only the accounts and API keys
 * registered here, each with its own secret, compared in constant time (`sim serve`). Shared by
 * every API the simulator serves, so a resource of one account is seen by its keys too.
 */
export class Accounts {
  readonly #accounts = new Map<string, AccountCredentials>();
  readonly #keys = new Map<string, ApiKeyCredentials>();
  readonly #initial: { accounts: AccountCredentials[]; keys: ApiKeyCredentials[] };
  #sid: SidGenerator;
  #rng: Rng;

  constructor(
    readonly mode: 'open' | 'registered',
    rng: Rng,
    initial: { accounts?: readonly AccountCredentials[]; keys?: readonly ApiKeyCredentials[] } = {},
  ) {
    this.#rng = rng;
    this.#sid = createSidGenerator(rng);
    this.#initial = { accounts: [...(initial.accounts ?? [])], keys: [] };
    for (const account of this.#initial.accounts) this.addAccount(account);
    for (const key of initial.keys ?? []) this.addApiKey(key);
    this.#initial.keys = [...this.#keys.values()];
  }

  /** Back to the accounts and keys given at start; those added since are gone. */
  reset(rng: Rng): void {
    this.#accounts.clear();
    this.#keys.clear();
    this.#rng = rng;
    this.#sid = createSidGenerator(rng);
    for (const account of this.#initial.accounts) this.#accounts.set(account.sid, account);
    for (const key of this.#initial.keys) this.#keys.set(key.sid, key);
  }

  /** Registers an account; a sid already registered keeps its token unless this one replaces it. */
  addAccount(input: { sid?: string; authToken?: string }): AccountCredentials {
    const sid = input.sid ?? this.#sid('AC');
    if (!ACCOUNT_SID.test(sid)) {
      throw invalidParameter('sid', 'an account sid is AC and 32 lowercase hex digits');
    }
    const authToken = input.authToken ?? this.#secret();
    if (!SECRET.test(authToken)) {
      throw invalidParameter('authToken', 'use 1 to 128 printable ASCII characters, no spaces');
    }
    const account = { sid, authToken };
    this.#accounts.set(sid, account);
    return account;
  }

  /** Registers an API key of a registered account (a new sid and secret unless given). */
  addApiKey(input: { accountSid: string; sid?: string; secret?: string }): ApiKeyCredentials {
    if (!this.#accounts.has(input.accountSid)) {
      throw invalidParameter('accountSid', `no account ${input.accountSid.slice(0, 34)} here`);
    }
    const sid = input.sid ?? this.#sid('SK');
    if (!KEY_SID.test(sid)) {
      throw invalidParameter('sid', 'an API key sid is SK and 32 lowercase hex digits');
    }
    const secret = input.secret ?? this.#secret();
    if (!SECRET.test(secret)) {
      throw invalidParameter('secret', 'use 1 to 128 printable ASCII characters, no spaces');
    }
    const key = { sid, secret, accountSid: input.accountSid };
    this.#keys.set(sid, key);
    return key;
  }

  accountSids(): string[] {
    return [...this.#accounts.keys()];
  }

  /**
   * The account a Basic auth user and password act as, or 401 / 20003. An unknown user is
   * compared against a stand-in secret all the same, so the answer takes as long either way.
   */
  authenticate(user: string, password: string): string {
    if (this.mode === 'open') return user;
    const key = this.#keys.get(user);
    const account = this.#accounts.get(user);
    const expected = key?.secret ?? account?.authToken ?? DEFAULT_ACCOUNT.authToken;
    const matches = constantTimeEqual(password, expected);
    const accountSid = key?.accountSid ?? account?.sid;
    if (!matches || accountSid === undefined) throw authenticateError();
    return accountSid;
  }

  /**
   * The auth token Twilio signs the account's webhook requests with (X-Twilio-Signature is keyed
   * by the account's auth token, whoever authenticated: https://www.twilio.com/docs/usage/security),
   * or null when the account is not registered (`open` mode: the caller's Basic auth secret is
   * the best stand-in).
   */
  authTokenOf(accountSid: string): string | null {
    return this.#accounts.get(accountSid)?.authToken ?? null;
  }

  #secret(): string {
    const bytes = this.#rng.fill(new Uint8Array(16));
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
}

/** Twilio's answer to bad credentials: https://www.twilio.com/docs/api/errors/20003. */
export function authenticateError(): VerifyError {
  return new VerifyError(401, ERROR_CODES.authenticate, 'Authenticate');
}
