/**
 * The Calls API's calls: each placed in the simulated phone network (the phones the control plane
 * configures) and run by the TwiML interpreter against the app's own server.
 *
 * Timing. A call is placed at the simulator clock's time when it is created; its simulated
 * timeline (ringing, the answer, every verb) then runs at once, as fast as the app answers its
 * requests and callbacks, without moving the clock. Its times (start_time, end_time, callbacks'
 * Timestamp) are the placing time plus the call's simulated offsets. The API reports the status
 * the call has reached: the simulation stops only at the app's requests and callbacks, so that is
 * where the app sees `ringing` or `in-progress`, and where an update takes effect: the new
 * instructions (or the hang-up) start at the simulated moment the call is at. Each callback is
 * awaited before the call goes on, so an update the app makes while handling one (the async AMD
 * callback, say) applies at that callback's moment.
 */
import type { Accounts } from '../accounts.ts';
import { createRng } from '../../core/rng.ts';
import type { Ms } from '../../core/units.ts';
import { resolveDocumentUrl, type TwimlFlowProgram } from '../../flows/index.ts';
import { twilioAmdSettings } from '../../phone/twilioAmd/index.ts';
import { liveCall, type CallOutcome, type LiveCallControl } from '../../sim/call.ts';
import { CallEventLog, type CallEvent } from '../../sim/callEvents.ts';
import type { TwimlDocumentSource } from '../../sim/twimlFlows.ts';
import {
  createSidGenerator,
  parseTwiml,
  type SidGenerator,
  type TwimlRequest,
  type TwimlResponse,
} from '../../twiml/index.ts';
import type { CallLogEntry } from '../phoneNetwork.ts';
import { isoTime } from '../simClock.ts';
import { notFound, VerifyError } from '../verifyError.ts';
import type { VerifyService } from '../verifyService.ts';
import { API_VERSION, rfc2822 } from './callJson.ts';
import { heardByPerson, recordedByVoicemail } from './callHearing.ts';
import type {
  CallInstructions,
  CallProgressEvent,
  CreateCallInput,
  UpdateCallInput,
} from './callParameters.ts';
import { CALL_ERRORS } from './callParameters.ts';
import { fetchWebhooks, type AppWebhooks } from './fetchWebhooks.ts';

/** The Call resource's statuses (twilio-node src/rest/api/v2010/account/call.ts, CallStatus). */
export type CallStatus =
  'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';

/** A call as the API shows it. */
export interface CallRecord {
  readonly sid: string;
  readonly accountSid: string;
  readonly to: string;
  readonly from: string;
  status: CallStatus;
  readonly dateCreatedMs: number;
  dateUpdatedMs: number;
  startTimeMs: number | null;
  endTimeMs: number | null;
  /** Whole seconds from the answer to the end (rounded up); null until then or when unanswered. */
  durationSeconds: number | null;
  /** Twilio-style AMD's AnsweredBy (with MachineDetection), else null. */
  answeredBy: string | null;
}

/** The duration of a `<Play>` of media: nothing is fetched (README, TwiML flows' `mediaSeconds`). */
const MEDIA_MS: Ms = 5000;
/** The URL of a call's inline `Twiml`: `inline:` documents are answered from memory. */
const INLINE_PREFIX = 'inline:call-';

interface CallState {
  readonly record: CallRecord;
  readonly input: CreateCallInput;
  readonly webhooks: AppWebhooks;
  readonly documents: Map<string, string>;
  control: LiveCallControl | null;
  cancelRequested: boolean;
  callbacksSent: number;
  readonly done: Promise<void>;
}

/** How many ended calls an account keeps by default; older ones are forgotten first. */
export const MAX_ENDED_CALLS_PER_ACCOUNT = 10_000;

export interface CallsServiceOptions {
  /** The app's side of each call, signed with the account's auth token; default: over fetch. */
  readonly webhooks?: (authToken: string) => AppWebhooks;
  /** Ended calls kept per account (default MAX_ENDED_CALLS_PER_ACCOUNT); calls running stay. */
  readonly maxEndedCallsPerAccount?: number;
}

/** The Calls API over a VerifyService's clock and phone network. */
export class CallsService {
  readonly #verify: VerifyService;
  readonly #webhooks: (authToken: string) => AppWebhooks;
  readonly #calls = new Map<string, CallState>();
  /** Each account's ended calls' sids, in the order they ended. */
  readonly #ended = new Map<string, string[]>();
  readonly #maxEnded: number;
  #sid!: SidGenerator;
  #index = 0;

  /** Who may place and see calls: the same accounts and API keys as Verify's. */
  get accounts(): Accounts {
    return this.#verify.accounts;
  }

  constructor(verify: VerifyService, options: CallsServiceOptions = {}) {
    this.#verify = verify;
    this.#webhooks = options.webhooks ?? fetchWebhooks;
    this.#maxEnded = options.maxEndedCallsPerAccount ?? MAX_ENDED_CALLS_PER_ACCOUNT;
    this.reset();
    verify.onReset(() => this.reset());
  }

  /** Forgets every call (calls still running finish unseen). */
  reset(): void {
    this.#calls.clear();
    this.#ended.clear();
    this.#sid = createSidGenerator(createRng(this.#verify.seed, 4));
    this.#index = 0;
  }

  /**
   * Places a call; it runs in the background (`settled` waits for it). `authToken` signs its
   * requests and callbacks: the secret the create request authenticated with.
   */
  create(accountSid: string, authToken: string, input: CreateCallInput): CallRecord {
    const now = this.#verify.clock.nowMs;
    const record: CallRecord = {
      sid: this.#sid('CA'),
      accountSid,
      to: input.to,
      from: input.from,
      status: 'queued',
      dateCreatedMs: now,
      dateUpdatedMs: now,
      startTimeMs: null,
      endTimeMs: null,
      durationSeconds: null,
      answeredBy: null,
    };
    const index = this.#index++;
    let finished: () => void = () => undefined;
    const state: CallState = {
      record,
      input,
      webhooks: this.#webhooks(authToken),
      documents: new Map(),
      control: null,
      cancelRequested: false,
      callbacksSent: 0,
      done: new Promise((resolve) => (finished = resolve)),
    };
    this.#calls.set(record.sid, state);
    void this.#run(state, index)
      .catch(() => this.#end(state, 'failed'))
      .finally(() => {
        this.#retireOld(state);
        finished();
      });
    return record;
  }

  /** How many calls are kept, running or ended (for tests and tools). */
  get size(): number {
    return this.#calls.size;
  }

  /**
   * The call has ended: it joins its account's ended calls, and the oldest beyond the limit are
   * forgotten (404 from then on), so memory stays bounded however many calls are placed.
   */
  #retireOld(state: CallState): void {
    const { sid, accountSid } = state.record;
    if (this.#calls.get(sid) !== state) return; // placed before a reset
    const ended = this.#ended.get(accountSid) ?? [];
    this.#ended.set(accountSid, ended);
    ended.push(sid);
    while (ended.length > this.#maxEnded) this.#calls.delete(ended.shift()!);
  }

  /** The account's call; another account's does not exist (404). */
  call(accountSid: string, sid: string): CallRecord {
    const state = this.#calls.get(sid);
    if (!state || state.record.accountSid !== accountSid) {
      throw notFound(`/${API_VERSION}/Accounts/${accountSid}/Calls/${sid}.json`);
    }
    return state.record;
  }

  /** The account's calls, newest first, filtered by To, From and Status when given. */
  list(accountSid: string, filters: Partial<Record<'To' | 'From' | 'Status', string>>) {
    return [...this.#calls.values()]
      .map((state) => state.record)
      .filter(
        (call) =>
          call.accountSid === accountSid &&
          (filters.To === undefined || call.to === filters.To) &&
          (filters.From === undefined || call.from === filters.From) &&
          (filters.Status === undefined || call.status === filters.Status),
      )
      .reverse();
  }

  /** Resolves when the call has ended and been logged (for tests and tools). */
  settled(sid: string): Promise<void> {
    return this.#calls.get(sid)?.done ?? Promise.resolve();
  }

  /**
   * New instructions for an answered call (they start at the moment it has reached), or a new
   * status: `canceled` (or `completed`) ends a call not yet answered, `completed` hangs up an
   * answered one. Anything else is 400 / 21220. Status, UpdateCallRequest (twilio/twilio-oai
   * spec/json/twilio_api_v2010.json; https://www.twilio.com/docs/voice/api/call-resource#update-a-call-resource):
   * "Specifying `canceled` will attempt to hang up calls that are `queued` or `ringing`; however,
   * it will not affect calls already in progress. Specifying `completed` will attempt to hang up a
   * call even if it's already in progress." Ended before the answer, the call is `canceled`: "The
   * call was canceled via the REST API while queued or ringing" (CallStatus values,
   * https://www.twilio.com/docs/voice/twiml#callstatus-values).
   */
  update(accountSid: string, sid: string, update: UpdateCallInput): CallRecord {
    const record = this.call(accountSid, sid);
    const state = this.#calls.get(sid)!;
    const now = this.#verify.clock.nowMs;
    if (update.kind === 'instructions') {
      if (record.status !== 'in-progress' || state.control === null) {
        throw callState(record, 'redirect');
      }
      const { url, method } = this.#entry(state, update.instructions, true);
      if (!state.control.redirect(url, method)) throw callState(record, 'redirect');
    } else if (record.status === 'queued' || record.status === 'ringing') {
      state.cancelRequested = true;
      record.status = 'canceled';
    } else if (record.status === 'in-progress') {
      // Status=canceled leaves an answered call as it is ("queued or ringing" calls only).
      if (update.status === 'completed' && !state.control?.hangUp()) {
        throw callState(record, 'hang up');
      }
    } else {
      throw callState(record, update.status === 'completed' ? 'complete' : 'cancel');
    }
    record.dateUpdatedMs = now;
    return record;
  }

  // --- running a call ---------------------------------------------------------------------------

  async #run(state: CallState, index: number): Promise<void> {
    const { record, input } = state;
    await this.#progress(state, 'initiated', 'initiated', 0);
    if (state.cancelRequested) return this.#end(state, 'canceled');
    // "busy: The caller received a busy signal" (the Call resource's statuses,
    // https://www.twilio.com/docs/voice/api/call-resource#call-status-values): it never rings.
    if (this.#verify.network.lineOf(input.to) === 'busy') return this.#end(state, 'busy');
    record.status = 'ringing';
    record.startTimeMs = record.dateCreatedMs;
    await this.#progress(state, 'ringing', 'ringing', 0);
    if (state.cancelRequested) return this.#end(state, 'canceled');

    const compiled = this.#verify.network.compiledFor(input.to);
    const rng = createRng(this.#verify.seed, 3, index);
    const log = new CallEventLog();
    const call = liveCall({
      compiled,
      strategy: 'calls-api',
      rng,
      answerProbability: compiled.person.answerProbability,
      expectedDigit: null,
      recorder: log,
      twiml: {
        program: this.#program(state),
        documents: this.#documentSource(state),
        callParams: this.#callParams(record),
        code: null,
        ringTimeoutMs: input.timeoutSeconds * 1000,
        latencyMs: () => 0,
      },
    });
    state.control = call.control;
    let answer: TwimlResponse | undefined;
    for (;;) {
      const step = call.steps.next(answer);
      answer = undefined;
      if (step.done) {
        state.control = null;
        return this.#finish(state, step.value, log.events());
      }
      const next = step.value;
      if (next.kind === 'request') {
        answer = await state.webhooks.request(next.request);
      } else if (next.kind === 'answered') {
        record.status = 'in-progress';
        await this.#progress(state, 'answered', 'in-progress', next.atMs);
      } else {
        record.answeredBy = next.answeredBy;
        await this.#asyncAmdCallback(state, next.answeredBy, next.decisionMs);
      }
    }
  }

  #program(state: CallState): TwimlFlowProgram {
    const { input } = state;
    const entry = this.#entry(state, input.instructions, false);
    const { amd } = input;
    return {
      entryUrl: entry.url,
      entryMethod: entry.method,
      amd: amd === null ? null : twilioAmdSettings(amd.mode, amd.timings),
      asyncAmd: amd?.async ?? false,
      sendDigits: input.sendDigits,
      keysOutsideGather: 'discard',
      mediaMs: () => MEDIA_MS,
      resolveUrl: resolveDocumentUrl,
    };
  }

  /** Where instructions are fetched: the app's URL, or the inline document kept in memory. */
  #entry(state: CallState, instructions: CallInstructions, isUpdate: boolean) {
    if (instructions.kind === 'url') return { url: instructions.url, method: instructions.method };
    const url = `${INLINE_PREFIX}${isUpdate ? state.documents.size : 0}`;
    state.documents.set(url, instructions.twiml);
    return { url, method: 'POST' as const };
  }

  /** Inline documents answer from memory; every other request goes to the app. */
  #documentSource(state: CallState): TwimlDocumentSource {
    const parse = (text: string, url: string) => {
      const parsed = parseTwiml(text, url);
      if (parsed.ok) return { ok: true as const, document: parsed.document, url, fill: null };
      const issue = parsed.issues[0]!;
      return {
        ok: false as const,
        message: `${issue.message} at line ${issue.line}, column ${issue.column}`,
        twilioCode: issue.twilioCode ?? 12100,
      };
    };
    return {
      answer: (request) => {
        const text = state.documents.get(request.url);
        return text === undefined ? null : parse(text, request.url);
      },
      read: (response, request) =>
        response.ok
          ? parse(response.body, request.url)
          : { ok: false, message: response.message, twilioCode: response.twilioCode },
    };
  }

  #callParams(record: CallRecord): Record<string, string> {
    return {
      CallSid: record.sid,
      AccountSid: record.accountSid,
      From: record.from,
      To: record.to,
      Caller: record.from,
      Called: record.to,
      Direction: 'outbound-api',
      ApiVersion: API_VERSION,
    };
  }

  /**
   * A status callback, when the app asked for `event` (https://www.twilio.com/docs/voice/api/
   * call-resource#statuscallback): the request's parameters with CallStatus, Timestamp,
   * CallbackSource `call-progress-events` and SequenceNumber (from 0, per call), and on
   * completion CallDuration.
   */
  async #progress(
    state: CallState,
    event: CallProgressEvent,
    callStatus: string,
    offsetMs: Ms,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const callback = state.input.statusCallback;
    if (!callback?.events.includes(event)) return;
    const { record } = state;
    const params: Record<string, string> = {
      ...this.#callParams(record),
      CallStatus: callStatus,
      Timestamp: rfc2822(record.dateCreatedMs + offsetMs),
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(state.callbacksSent++),
      ...(record.answeredBy === null ? {} : { AnsweredBy: record.answeredBy }),
      ...extra,
    };
    await state.webhooks.callback({ url: callback.url, method: callback.method, params });
  }

  /**
   * The async AMD result (https://www.twilio.com/docs/voice/answering-machine-detection): the
   * request's parameters with AnsweredBy and MachineDetectionDuration (ms from the answer).
   */
  async #asyncAmdCallback(state: CallState, answeredBy: string, decisionMs: Ms): Promise<void> {
    const callback = state.input.amd?.asyncCallback;
    if (!state.input.amd?.async || !callback) return;
    const params: TwimlRequest['params'] = {
      ...this.#callParams(state.record),
      AnsweredBy: answeredBy,
      MachineDetectionDuration: String(decisionMs),
    };
    await state.webhooks.callback({ url: callback.url, method: callback.method, params });
  }

  /** The call has ended: its times and status, the phone's logs, the completed callback. */
  async #finish(state: CallState, outcome: CallOutcome, events: CallEvent[]): Promise<void> {
    const { record } = state;
    const answered = outcome.answeredAtMs !== null;
    record.endTimeMs = record.dateCreatedMs + outcome.endMs;
    record.durationSeconds = answered
      ? Math.ceil((outcome.endMs - outcome.answeredAtMs) / 1000)
      : null;
    record.status = answered ? 'completed' : 'no-answer';
    record.dateUpdatedMs = this.#verify.clock.nowMs;
    this.#log(state, outcome, events);
    await this.#progress(state, 'completed', record.status, outcome.endMs, {
      CallDuration: String(record.durationSeconds ?? 0),
    });
  }

  #log(state: CallState, outcome: CallOutcome, events: CallEvent[]): void {
    const { record } = state;
    const entry: CallLogEntry = {
      callSid: record.sid,
      from: record.from,
      strategy: 'calls-api',
      placedAt: isoTime(record.dateCreatedMs),
      answeredBy: outcome.answeredBy,
      endedBy: outcome.endedBy,
      hangupReason: outcome.hangupReason,
      durationSeconds: outcome.endMs / 1000,
      readouts: [],
      events,
    };
    const recorded = outcome.answeredBy === 'voicemail' ? recordedByVoicemail(events) : null;
    this.#verify.network.logCall(
      record.to,
      entry,
      outcome.answeredBy === 'person' ? heardByPerson(events) : null,
      recorded === null
        ? null
        : {
            callSid: record.sid,
            from: record.from,
            recordedAt: isoTime(record.dateCreatedMs + recorded.startMs),
            durationSeconds: (recorded.endMs - recorded.startMs) / 1000,
            transcript: recorded.transcript,
          },
    );
  }

  /** A call that ends before it rings through (canceled, busy) or breaks (failed). */
  #end(state: CallState, status: 'canceled' | 'busy' | 'failed'): Promise<void> {
    const { record } = state;
    record.status = status;
    record.endTimeMs = record.dateCreatedMs;
    record.dateUpdatedMs = this.#verify.clock.nowMs;
    return this.#progress(state, 'completed', status, 0, { CallDuration: '0' });
  }
}

/** 400 / 21220: the call's status does not allow the update. */
function callState(record: CallRecord, what: string): VerifyError {
  return new VerifyError(
    400,
    CALL_ERRORS.badCallState,
    `Call is ${record.status}; cannot ${what} it (Twilio error 21220, invalid call state)`,
  );
}
