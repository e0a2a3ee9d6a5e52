import { readApiResponse } from '../apiResponse.ts';

/** The fields of Verify's JSON bodies the bank reads. */
export interface VerificationJson {
  readonly sid: string;
  readonly to: string;
  readonly channel: string;
  readonly status: string;
  readonly send_code_attempts: ReadonlyArray<{ attempt_sid: string; channel: string }>;
}

export interface VerificationCheckJson {
  readonly status: string;
  readonly valid: boolean;
}

export interface VerifyCredentials {
  readonly accountSid: string;
  readonly authToken: string;
}

/**
 * What a bank's server does with Verify v2, written as it would be against the real API: form
 * bodies, Basic auth, `fetch`. Only the base URL says this is the simulator.
 */
export class VerifyClient {
  readonly #baseUrl: string;
  readonly #authorization: string;

  constructor(baseUrl: string, { accountSid, authToken }: VerifyCredentials) {
    this.#baseUrl = baseUrl;
    this.#authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  }

  async createService(friendlyName: string): Promise<{ sid: string }> {
    return this.#post('/v2/Services', { FriendlyName: friendlyName });
  }

  async sendCode(
    serviceSid: string,
    to: string,
    channel: 'call' | 'sms',
  ): Promise<VerificationJson> {
    return this.#post(`/v2/Services/${serviceSid}/Verifications`, { To: to, Channel: channel });
  }

  async checkCode(serviceSid: string, to: string, code: string): Promise<VerificationCheckJson> {
    return this.#post(`/v2/Services/${serviceSid}/VerificationCheck`, { To: to, Code: code });
  }

  async #post<T>(path: string, fields: Record<string, string>): Promise<T> {
    const response = await fetch(`${this.#baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: this.#authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(fields),
    });
    return readApiResponse<T>(response);
  }
}
