import { createRng, type Rng } from '../core/rng.ts';
import { issueVerification, type Verification } from '../otp/index.ts';
import { STRATEGY_IDS, type StrategyId } from '../scenario/index.ts';
import { PhoneNetwork, type PhoneSnapshot } from './phoneNetwork.ts';
import { createSidGenerator, type SidGenerator } from '../twiml/index.ts';
import { SimClock } from './simClock.ts';
import { ERROR_CODES, invalidParameter, notFound, VerifyError } from './verifyError.ts';

export type Channel = 'call' | 'sms';
export const CHANNELS: readonly Channel[] = ['call', 'sms'];
export type VerifyStatus = 'pending' | 'approved' | 'canceled' | 'max_attempts_reached' | 'expired';

export interface ServiceRecord {
  readonly sid: string;
  readonly accountSid: string;
  readonly friendlyName: string;
  readonly codeLength: number;
  readonly dtmfInputRequired: boolean;
  /** Simulator-only: the call flow, overriding the one DtmfInputRequired picks. */
  strategy: StrategyId | null;
  readonly dateCreatedMs: number;
  dateUpdatedMs: number;
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
  readonly #seed: number;
  readonly #lifetimeMs: number;
  readonly #services = new Map<string, ServiceRecord>();
  readonly #verifications = new Map<string, VerificationRecord>();
  /** The issued code of each verification, kept apart from what is ever serialised. */
  readonly #codes = new Map<string, Verification>();
  readonly #sendTimes = new Map<string, number[]>();
  #rng!: Rng;
  #sid!: SidGenerator;
  #callIndex = 0;
  /** Run on reset: other parts of the simulator that share its clock and network (the Calls API). */
  readonly #resetHooks: Array<() => void> = [];

  constructor(options: VerifyServiceOptions = {}) {
    this.#seed = options.seed ?? 1;
    this.#lifetimeMs = (options.codeLifetimeSeconds ?? 600) * 1000;
    this.clock = new SimClock(options.startEpochMs ?? 1_767_225_600_000);
    this.reset();
  }

  reset(): void {
    this.#services.clear();
    this.#verifications.clear();
    this.#codes.clear();
    this.#sendTimes.clear();
    this.network.reset();
    this.clock.reset();
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

  createService(
    accountSid: string,
    input: { friendlyName: string; codeLength: number; dtmfInputRequired: boolean },
  ): ServiceRecord {
    const now = this.clock.nowMs;
    const service: ServiceRecord = {
      sid: this.#sid('VA'),
      accountSid,
      ...input,
      strategy: null,
      dateCreatedMs: now,
      dateUpdatedMs: now,
    };
    this.#services.set(service.sid, service);
    return service;
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

  setStrategy(sid: string, strategy: string): ServiceRecord {
    const service = this.service(sid);
    if (!(STRATEGY_IDS as readonly string[]).includes(strategy)) {
      throw invalidParameter('strategy', `use one of ${STRATEGY_IDS.join(', ')}`);
    }
    service.strategy = strategy;
    return service;
  }

  strategyOf(service: ServiceRecord): StrategyId {
    return service.strategy ?? (service.dtmfInputRequired ? 'random-digit' : 'naive');
  }

  /**
   * Starts a verification, or resends the open one for `to` with the same code, as Verify does.
   * Nothing is recorded until the code has been delivered, so a failure leaves no trace.
   */
  startVerification(serviceSid: string, to: string, channel: Channel): VerificationRecord {
    const service = this.service(serviceSid);
    const now = this.clock.nowMs;
    const sendKey = `${serviceSid}|${to}`;
    const recentSends = (this.#sendTimes.get(sendKey) ?? []).filter(
      (t) => now - t < TEN_MINUTES_MS,
    );
    if (recentSends.length >= MAX_SENDS_PER_10_MINUTES) {
      throw new VerifyError(429, ERROR_CODES.maxSendAttempts, 'Max send attempts reached');
    }
    const open = this.#openVerificationTo(serviceSid, to);
    const verification = open ?? this.#newVerification(service, to, channel, now);
    const code = open ? this.#codes.get(open.sid)! : this.#issueCode(service, now);
    const attempt: SendCodeAttempt = { attemptSid: this.#sid('VL'), channel, timeMs: now };
    this.#deliver(service, verification.to, attempt, code.code);

    this.#sendTimes.set(sendKey, [...recentSends, now]);
    if (!open) {
      this.#codes.set(verification.sid, code);
      this.#verifications.set(verification.sid, verification);
    }
    verification.sendCodeAttempts.push(attempt);
    verification.dateUpdatedMs = now;
    return verification;
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

  #openVerificationTo(serviceSid: string, to: string): VerificationRecord | undefined {
    for (const verification of this.#verifications.values()) {
      if (
        verification.serviceSid === serviceSid &&
        verification.to === to &&
        this.#isOpen(verification)
      ) {
        return verification;
      }
    }
    return undefined;
  }

  #newVerification(
    service: ServiceRecord,
    to: string,
    channel: Channel,
    now: number,
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
    };
  }

  #issueCode(service: ServiceRecord, now: number): Verification {
    const secret = this.#rng.fill(new Uint8Array(20));
    const policy = {
      kind: 'ttl',
      digits: service.codeLength,
      ttlSeconds: this.#lifetimeMs / 1000,
    } as const;
    return issueVerification(policy, secret, now, MAX_CHECK_ATTEMPTS);
  }

  #deliver(service: ServiceRecord, to: string, attempt: SendCodeAttempt, code: string): void {
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
