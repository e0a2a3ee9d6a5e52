/**
 * The requests a TwiML flow makes of its documents, as the voice platform makes them: a static
 * flow's are answered from the documents loaded with the scenario, a `url` flow's by the user's
 * webhook server (an adapter sends them over HTTP, with X-Twilio-Signature; see
 * https://www.twilio.com/docs/usage/webhooks/webhooks-security). The domain only builds the
 * request and reads the answer; it never does I/O.
 */
import type { TwimlMethod } from './document.ts';

/** One request for TwiML: the absolute URL, the method and the parameters (Twilio's names). */
export interface TwimlRequest {
  readonly url: string;
  readonly method: TwimlMethod;
  /** CallSid, AccountSid, From, To, CallStatus, Direction, ApiVersion, AnsweredBy, Digits, … */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Why a webhook gave no document (the platform then says "an application error has occurred");
 * the codes are Twilio's (https://www.twilio.com/docs/api/errors).
 */
export type WebhookFailureKind =
  /** Refused or reset (11205), the host unknown (11210), not HTTP (11206), a bad URL (11100). */
  | 'unreachable'
  /** No answer within the platform's 15 s (11205). */
  | 'timeout'
  /** An answer with a status other than 2xx (11200). */
  | 'http-status'
  /** A 2xx answer that is not a TwiML document: content type (12300), body (12100), size (11750). */
  | 'not-twiml';

export type TwimlResponse =
  | { readonly ok: true; readonly body: string; readonly status: number }
  | {
      readonly ok: false;
      readonly kind: WebhookFailureKind;
      /** Twilio's error code for it (https://www.twilio.com/docs/api/errors). */
      readonly twilioCode: number;
      /** What went wrong, for the run's report: status, error, or what the body held. */
      readonly message: string;
      readonly status: number | null;
    };

/** Sends TwiML requests: the Node adapter over HTTP, tests in memory. */
export interface WebhookClient {
  request(request: TwimlRequest): Promise<TwimlResponse>;
}
