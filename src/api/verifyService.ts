import { createRng, type Rng } from '../core/rng.ts';
import { issueVerification, type Verification } from '../otp/index.ts';
import { STRATEGY_IDS, type StrategyId } from '../scenario/index.ts';
import { Accounts, type AccountCredentials, type ApiKeyCredentials } from './accounts.ts';
import { customCodeVerification } from './customCode.ts';
import { PhoneNetwork, type PhoneSnapshot } from './phoneNetwork.ts';
import { createSidGenerator, type SidGenerator } from '../twiml/index.ts';
import { SimClock, type ClockMode } from './simClock.ts';
import { ERROR_CODES, invalidParameter, notFound, VerifyError } from './verifyError.ts';

/** The channels the simulator delivers on: a call into the phone network, or an SMS. */
export type Channel = 'call' | 'sms';
export const CHANNELS: readonly Channel[] = ['call', 'sms'];
export type VerifyStatus = 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

/** A service's Verify settings: what create and update set (Verify's names, camelCase). */
export interface ServiceSettings {
  friendlyName: string;
  codeLength: number;
  dtmfInputRequired: boolean;
  lookupEnabled: boolean;
  skipSmsToLandlines: boolean;
  psd2Enabled: boolean;
  customCodeEnabled: boolean;
  doNotShareWarningEnabled: boolean;
  ttsName: string | null;
  defaultTemplateSid: string | null;
  verifyEventSubscriptionEnabled: boolean;
}

/** The settings a service created with only a FriendlyName has (Verify's defaults). */
export const DEFAULT_SETTINGS: Omit<ServiceSettings, 'friendlyName'> = {
  codeLength: 6,
  dtmfInputRequired: false,
  lookupEnabled: false,
  skipSmsToLandlines: false,
  psd2Enabled: false,
  customCodeEnabled: false,
  doNotShareWarningEnabled: false,
  ttsName: null,
  defaultTemplateSid: null,
  verifyEventSubscriptionEnabled: false,
};

/**
 * The flow a "press a number" call (DtmfInputRequired) runs unless the control plane picks
 * another. Twilio says only that the callee is asked to press a number, not which one nor what
 * a wrong key does; random-digit (a fresh digit each call, the first key decides) is the
 * simulator's assumption.
 */
export const DEFAULT_DTMF_STRATEGY: StrategyId = 'random-digit';

export interface ServiceRecord extends ServiceSettings {
  readonly sid: string;
  readonly accountSid: string;
  /** Simulator-only: the call flow, overriding the one DtmfInputRequired picks. */
  strategy: StrategyId | null;
  /** Simulator-only: the flow a DtmfInputRequired call runs (DEFAULT_DTMF_STRATEGY). */
  dtmfStrategy: StrategyId;
  readonly dateCreatedMs: number;
  dateUpdatedMs: number;
}

/** What a verification's request carried besides To and Channel. */
export interface VerificationExtras {
  /** The app's own code (CustomCode), used instead of a generated one. */
  readonly customCode?: string;
  /** PSD2 transaction details (Amount, Payee), echoed back. */
  readonly amount?: string;
  readonly payee?: string;
}

export interface SendCodeAttempt {
  readonly attemptSid: string;
  readonly channel: Channel;
  readonly timeMs: number;
}

export interface VerificationRecord {
  readonly sid: string;
  readonly serviceSid: string;
  readonly accountSid: string;
  readonly to: string;
  readonly channel: Channel;
  status: VerifyStatus;
  readonly sendCodeAttempts: SendCodeAttempt[];
  readonly dateCreatedMs: number;
  dateUpdatedMs: number;
  readonly expiresAtMs: number;
  readonly amount: string | null;
  readonly payee: string | null;
}

export interface VerifyServiceSnapshot {
  readonly nowMs: number;
  readonly callsPlaced: number;
  readonly services: readonly ServiceRecord[];
  readonly verifications: ReadonlyArray<
    VerificationRecord & { readonly checkCount: number; readonly codeStatus: string }
  >;
  /** Send times per `serviceSid|to`, the 10-minute send window's memory. */
  readonly sendTimes: Readonly<Record<string, readonly number[]>>;
  readonly phones: Readonly<Record<string, PhoneSnapshot>>;
}

export interface VerifyServiceOptions {
  readonly seed?: number;
  /** Default 2026-01-01T00:00:00Z, the scenario format's start. */
  readonly startEpochMs?: number;
  /** Code lifetime; Verify's default is 10 minutes. */
  readonly codeLifetimeSeconds?: number;
  /**
   * Who may call: `open` (default) takes any account sid with any secret; `registered` only
   * the accounts and API keys given here or added through the control plane.
   */
  readonly auth?: {
    readonly mode: 'open' | 'registered';
    readonly accounts?: readonly AccountCredentials[];
    readonly keys?: readonly ApiKeyCredentials[];
  };
  /** The machine's clock, for `clock: 'real'` (a Node adapter passes Date.now). */
  readonly realNow?: () => number;
  /** Default `simulated`. */
  readonly clock?: ClockMode;
}

/** How much the simulator holds: bounded however many verifications were made. */
export interface StoreSizes {
  readonly verifications: number;
  readonly codes: number;
  readonly sendWindows: number;
  readonly phones: number;
}

const TEN_MINUTES_MS = 600_000;
/**
 * Verify's limits (Twilio Verify v2 docs): a 6th send to one number within 10 minutes is error
 * 60203, a 6th check of one verification error 60202 (both HTTP 429).
 */
const MAX_SENDS_PER_10_MINUTES = 5;
const MAX_CHECK_ATTEMPTS = 5;
const CALLER_ID = '+15005550006';

/**
 * An in-memory Verify v2 service on a simulated clock and network. Every method validates and
 * throws VerifyError before changing anything. Codes stay inside: nothing returned carries one.
 */
export class VerifyService {
  readonly clock: SimClock;
  readonly network = new PhoneNetwork();
  readonly accounts: Accounts;
  readonly #seed: number;
  readonly #lifetimeMs: number;
  readonly #services = new Map<string, ServiceRecord>();
  /** In creation order, so expiry order too: the lifetime is one for all. */
  readonly #verifications = new Map<string, VerificationRecord>();
  /** The issued code of each verification, kept apart from what is ever serialised. */
  readonly #codes = new Map<string, Verification>();
  readonly #sendTimes = new Map<string, number[]>();
  /** The latest verification made for each `serviceSid|to`. */
  readonly #latestTo = new Map<string, VerificationRecord>();
  /** Every send as [sendKey, time], oldest first: what the 10-minute windows forget, in order. */
  #sendLog: Array<[string, number]> = [];
  #sendLogStart = 0;
  #rng!: Rng;
  #sid!: SidGenerator;
  #callIndex = 0;
  /** Run on reset: other parts of the simulator that share its clock and network (the Calls API). */
  readonly #resetHooks: Array<() => void> = [];

  constructor(options: VerifyServiceOptions = {}) {
    this.#seed = options.seed ?? 1;
    this.#lifetimeMs = (options.codeLifetimeSeconds ?? 600) * 1000;
    this.clock = new SimClock(
      options.startEpochMs ?? 1_767_225_600_000,
      options.realNow ?? null,
      options.clock ?? 'simulated',
    );
    this.accounts = new Accounts(options.auth?.mode ?? 'open', createRng(this.#seed, 3), {
      ...(options.auth?.accounts ? { accounts: options.auth.accounts } : {}),
      ...(options.auth?.keys ? { keys: options.auth.keys } : {}),
    });
    this.reset();
  }

  /** Back to the start: no services, verifications or phones; the accounts given at start. */
  reset(): void {
    this.#services.clear();
    this.#verifications.clear();
    this.#codes.clear();
    this.#sendTimes.clear();
    this.#latestTo.clear();
    this.#sendLog = [];
    this.#sendLogStart = 0;
    this.network.reset();
    this.clock.reset();
    this.accounts.reset(createRng(this.#seed, 3));
    this.#rng = createRng(this.#seed);
    this.#sid = createSidGenerator(createRng(this.#seed, 1));
    this.#callIndex = 0;
    for (const hook of this.#resetHooks) hook();
  }

  /** The seed the simulator was made with (its streams derive from it). */
  get seed(): number {
    return this.#seed;
  }

  /** `hook` runs on every reset (the control plane's `POST /sim/v1/Reset`). */
  onReset(hook: () => void): void {
    this.#resetHooks.push(hook);
  }

  /** How many records of each kind the simulator holds now. */
  storeSizes(): StoreSizes {
    return {
      verifications: this.#verifications.size,
      codes: this.#codes.size,
      sendWindows: this.#sendTimes.size,
      phones: this.network.size,
    };
  }

  /**
   * A deep, JSON-shaped copy of everything a request can change, for tests that check a
   * rejected request changed nothing. Codes are left out: each verification shows only its
   * check count and the code's own status.
   */
  snapshot(): VerifyServiceSnapshot {
    return {
      nowMs: this.clock.nowMs,
      callsPlaced: this.#callIndex,
      services: [...this.#services.values()].map((service) => ({ ...service })),
      verifications: [...this.#verifications.values()].map((verification) => {
        const issued = this.#codes.get(verification.sid)!;
        return {
          ...verification,
          sendCodeAttempts: verification.sendCodeAttempts.map((attempt) => ({ ...attempt })),
          checkCount: issued.checkCount,
          codeStatus: issued.status,
        };
      }),
      sendTimes: Object.fromEntries([...this.#sendTimes].map(([key, times]) => [key, [...times]])),
      phones: this.network.snapshot(),
    };
  }

  createService(accountSid: string, settings: ServiceSettings): ServiceRecord {
    const now = this.clock.nowMs;
    const service: ServiceRecord = {
      sid: this.#sid('VA'),
      accountSid,
      ...settings,
      strategy: null,
      dtmfStrategy: DEFAULT_DTMF_STRATEGY,
      dateCreatedMs: now,
      dateUpdatedMs: now,
    };
    this.#services.set(service.sid, service);
    return service;
  }

  /** Changes the settings given, as Verify's service update does; the rest stay. */
  updateService(accountSid: string, sid: string, changes: Partial<ServiceSettings>): ServiceRecord {
    const service = this.serviceOf(accountSid, sid);
    Object.assign(service, changes);
    service.dateUpdatedMs = this.clock.nowMs;
    return service;
  }

  /** Deletes the service with its verifications: they answer 404 from now on. */
  deleteService(accountSid: string, sid: string): void {
    this.serviceOf(accountSid, sid);
    this.#services.delete(sid);
    for (const verification of this.#verifications.values()) {
      if (verification.serviceSid === sid) this.#forget(verification);
    }
  }

  service(sid: string): ServiceRecord {
    const service = this.#services.get(sid);
    if (!service) throw notFound(`/Services/${sid}`);
    return service;
  }

  /** A service as its account sees it: another account's service does not exist (404). */
  serviceOf(accountSid: string, sid: string): ServiceRecord {
    const service = this.#services.get(sid);
    if (!service || service.accountSid !== accountSid) throw notFound(`/Services/${sid}`);
    return service;
  }

  /** The account's services, oldest first. */
  servicesOf(accountSid: string): ServiceRecord[] {
    return [...this.#services.values()].filter((service) => service.accountSid === accountSid);
  }

  /**
   * Simulator-only flow choices: `strategy` overrides whatever DtmfInputRequired picks;
   * `dtmfStrategy` is what a DtmfInputRequired call runs. Both are checked before either is set.
   */
  setStrategy(sid: string, choice: { strategy?: unknown; dtmfStrategy?: unknown }): ServiceRecord {
    const service = this.service(sid);
    const strategy =
      choice.strategy === undefined ? undefined : strategyId('strategy', choice.strategy);
    const dtmf =
      choice.dtmfStrategy === undefined
        ? undefined
        : strategyId('dtmfStrategy', choice.dtmfStrategy);
    if (strategy !== undefined) service.strategy = strategy;
    if (dtmf !== undefined) service.dtmfStrategy = dtmf;
    return service;
  }

  strategyOf(service: ServiceRecord): StrategyId {
    return service.strategy ?? (service.dtmfInputRequired ? service.dtmfStrategy : 'naive');
  }

  /**
   * Starts a verification, or resends the open one for `to` with the same code, as Verify does.
   * Every refusal comes before anything changes: a feature the service has not enabled, the
   * number's line (phoneNetwork.ts, LINE_REFUSALS), the send limit. Verifications past their
   * lifetime, finished or not, are forgotten here, as Verify forgets them.
   */
  startVerification(
    serviceSid: string,
    to: string,
    channel: Channel,
    extras: VerificationExtras = {},
  ): VerificationRecord {
    const service = this.service(serviceSid);
    requireEnabledFeatures(service, extras);
    this.network.refuseDelivery(to, channel, service);
    const now = this.clock.nowMs;
    this.#retire(now);
    const sendKey = `${serviceSid}|${to}`;
    const recentSends = (this.#sendTimes.get(sendKey) ?? []).filter(
      (t) => now - t < TEN_MINUTES_MS,
    );
    if (recentSends.length >= MAX_SENDS_PER_10_MINUTES) {
      throw new VerifyError(429, ERROR_CODES.maxSendAttempts, 'Max send attempts reached');
    }
    const open = this.#openVerificationTo(serviceSid, to);
    const verification = open ?? this.#newVerification(service, to, channel, now, extras);
    const code = open ? this.#codes.get(open.sid)! : this.#issueCode(service, now, extras);
    const attempt: SendCodeAttempt = { attemptSid: this.#sid('VL'), channel, timeMs: now };
    this.#deliver(service, verification.to, attempt, code.code);

    this.#sendTimes.set(sendKey, [...recentSends, now]);
    this.#sendLog.push([sendKey, now]);
    if (!open) {
      this.#codes.set(verification.sid, code);
      this.#verifications.set(verification.sid, verification);
      this.#latestTo.set(sendKey, verification);
    }
    verification.sendCodeAttempts.push(attempt);
    verification.dateUpdatedMs = now;
    return verification;
  }

  /**
   * Forgets what can no longer matter at `now`: verifications past their lifetime (the oldest
   * first, stopping at the first still alive), sends out of every 10-minute window, and phones
   * nobody configured that have been quiet as long. Amortised O(1) per verification.
   */
  #retire(now: number): void {
    for (const verification of this.#verifications.values()) {
      if (verification.expiresAtMs > now) break;
      this.#forget(verification);
    }
    while (this.#sendLogStart < this.#sendLog.length) {
      const [key, time] = this.#sendLog[this.#sendLogStart]!;
      if (now - time < TEN_MINUTES_MS) break;
      this.#sendLogStart++;
      const times = this.#sendTimes.get(key)?.filter((t) => now - t < TEN_MINUTES_MS) ?? [];
      if (times.length === 0) this.#sendTimes.delete(key);
      else this.#sendTimes.set(key, times);
    }
    if (this.#sendLogStart > 1024 && this.#sendLogStart * 2 > this.#sendLog.length) {
      this.#sendLog = this.#sendLog.slice(this.#sendLogStart);
      this.#sendLogStart = 0;
    }
    this.network.retire(now - this.#lifetimeMs);
  }

  /** An open (pending or locked, unexpired) verification; anything else is gone (404). */
  verification(serviceSid: string, verificationSid: string): VerificationRecord {
    this.service(serviceSid);
    const verification = this.#verifications.get(verificationSid);
    if (!verification || verification.serviceSid !== serviceSid || !this.#isOpen(verification)) {
      throw notFound(`/Services/${serviceSid}/Verifications/${verificationSid}`);
    }
    return verification;
  }

  updateStatus(
    serviceSid: string,
    verificationSid: string,
    status: 'canceled' | 'approved',
  ): VerificationRecord {
    const verification = this.verification(serviceSid, verificationSid);
    verification.status = status;
    verification.dateUpdatedMs = this.clock.nowMs;
    return verification;
  }

  /** Checks a code against the open verification for `to` or `verificationSid`. */
  check(
    serviceSid: string,
    target: { to: string } | { verificationSid: string },
    code: string,
  ): VerificationRecord {
    const verification =
      'to' in target
        ? this.#openVerificationTo(serviceSid, target.to)
        : this.verification(serviceSid, target.verificationSid);
    if (!verification) {
      this.service(serviceSid);
      throw notFound(`/Services/${serviceSid}/VerificationCheck`);
    }
    if (verification.status === 'max_attempts_reached') {
      throw new VerifyError(429, ERROR_CODES.maxCheckAttempts, 'Max check attempts reached');
    }
    const now = this.clock.nowMs;
    const outcome = this.#codes.get(verification.sid)!.check(code, now);
    verification.status =
      outcome === 'approved' ? 'approved' : this.#codes.get(verification.sid)!.status;
    verification.dateUpdatedMs = now;
    return verification;
  }

  #isOpen(verification: VerificationRecord): boolean {
    const live =
      verification.status === 'pending' || verification.status === 'max_attempts_reached';
    return live && this.clock.nowMs < verification.expiresAtMs;
  }

  /** The open verification for `to`: only the latest one made for it can be open. */
  #openVerificationTo(serviceSid: string, to: string): VerificationRecord | undefined {
    const latest = this.#latestTo.get(`${serviceSid}|${to}`);
    return latest && this.#isOpen(latest) ? latest : undefined;
  }

  #forget(verification: VerificationRecord): void {
    this.#verifications.delete(verification.sid);
    this.#codes.delete(verification.sid);
    const key = `${verification.serviceSid}|${verification.to}`;
    if (this.#latestTo.get(key) === verification) this.#latestTo.delete(key);
  }

  #newVerification(
    service: ServiceRecord,
    to: string,
    channel: Channel,
    now: number,
    extras: VerificationExtras,
  ): VerificationRecord {
    return {
      sid: this.#sid('VE'),
      serviceSid: service.sid,
      accountSid: service.accountSid,
      to,
      channel,
      status: 'pending',
      sendCodeAttempts: [],
      dateCreatedMs: now,
      dateUpdatedMs: now,
      expiresAtMs: now + this.#lifetimeMs,
      amount: extras.amount ?? null,
      payee: extras.payee ?? null,
    };
  }

  #issueCode(service: ServiceRecord, now: number, extras: VerificationExtras): Verification {
    if (extras.customCode !== undefined) {
      return customCodeVerification(extras.customCode, now, this.#lifetimeMs, MAX_CHECK_ATTEMPTS);
    }
    const secret = this.#rng.fill(new Uint8Array(20));
    const policy = {
      kind: 'ttl',
      digits: service.codeLength,
      ttlSeconds: this.#lifetimeMs / 1000,
    } as const;
    return issueVerification(policy, secret, now, MAX_CHECK_ATTEMPTS);
  }

  #deliver(service: ServiceRecord, to: string, attempt: SendCodeAttempt, code: string): void {
    if (!this.network.reaches(to, attempt.channel)) return;
    if (attempt.channel === 'sms') {
      const body = `Your ${service.friendlyName} verification code is: ${code}`;
      this.network.deliverSms(to, CALLER_ID, body, attempt.timeMs);
      return;
    }
    this.network.placeVerificationCall({
      callSid: attempt.attemptSid,
      from: CALLER_ID,
      to,
      strategy: this.strategyOf(service),
      code,
      placedAtEpochMs: attempt.timeMs,
      rng: createRng(this.#seed, 2, this.#callIndex),
    });
    this.#callIndex++;
  }
}

function strategyId(name: string, value: unknown): StrategyId {
  if (typeof value !== 'string' || !(STRATEGY_IDS as readonly string[]).includes(value)) {
    throw invalidParameter(name, `use one of ${STRATEGY_IDS.join(', ')}`);
  }
  return value;
}

/**
 * CustomCode needs the service's custom_code_enabled, Amount and Payee its psd2_enabled; else
 * 403 / 60204, "Service does not support this feature"
 * (https://www.twilio.com/docs/api/errors/60204; the spec: "Requires the PSD2 Service flag
 * enabled", twilio/twilio-oai spec/json/twilio_verify_v2.json, CreateVerification).
 */
function requireEnabledFeatures(service: ServiceRecord, extras: VerificationExtras): void {
  const missing =
    extras.customCode !== undefined && !service.customCodeEnabled
      ? "CustomCode needs the service's CustomCodeEnabled"
      : (extras.amount !== undefined || extras.payee !== undefined) && !service.psd2Enabled
        ? "Amount and Payee need the service's Psd2Enabled"
        : null;
  if (missing !== null) {
    throw new VerifyError(
      403,
      ERROR_CODES.featureNotEnabled,
      `Service does not support this feature: ${missing}`,
    );
  }
}
