import type { CallLogEntry, PhoneSetup, VoicemailMessage } from '../../../api/index.ts';
import { readApiResponse } from '../apiResponse.ts';
import type { StrategyId } from '../../../scenario/index.ts';
import type { HandsetCall } from '../../../api/index.ts';

/**
 * The simulator's control plane (`/sim/v1`) over fetch: the trainer's hand on the simulated
 * world, and the phone's own channels (voicemail box, handset), the only places a code shows.
 */
export class SimulatorControl {
  readonly #root: string;

  constructor(baseUrl: string) {
    this.#root = `${baseUrl}/sim/v1`;
  }

  setStrategy(serviceSid: string, strategy: StrategyId): Promise<unknown> {
    return this.#send('PUT', `/Services/${serviceSid}`, { strategy });
  }

  setUpPhone(number: string, setup: PhoneSetup): Promise<unknown> {
    return this.#send('PUT', `/Phones/${encodeURIComponent(number)}`, setup);
  }

  async calls(number: string): Promise<readonly CallLogEntry[]> {
    const body = await this.#get<{ calls: CallLogEntry[] }>(
      `/Phones/${encodeURIComponent(number)}/Calls`,
    );
    return body.calls;
  }

  async voicemail(number: string): Promise<readonly VoicemailMessage[]> {
    const body = await this.#get<{ messages: VoicemailMessage[] }>(
      `/Phones/${encodeURIComponent(number)}/Voicemail`,
    );
    return body.messages;
  }

  async handset(number: string): Promise<readonly HandsetCall[]> {
    const body = await this.#get<{ calls: HandsetCall[] }>(
      `/Phones/${encodeURIComponent(number)}/Handset`,
    );
    return body.calls;
  }

  /** The person at `number` presses `digit` on the call waiting for their key; the call goes on. */
  async pressKey(number: string, digit: string): Promise<HandsetCall> {
    const body = await this.#send<{ call: HandsetCall }>(
      'POST',
      `/Phones/${encodeURIComponent(number)}/Handset/Keys`,
      { digit },
    );
    return body.call;
  }

  advanceClock(seconds: number): Promise<{ now: string }> {
    return this.#send('POST', '/Clock', { advanceSeconds: seconds });
  }

  reset(): Promise<unknown> {
    return this.#send('POST', '/Reset', {});
  }

  async #get<T>(path: string): Promise<T> {
    return readApiResponse<T>(await fetch(`${this.#root}${path}`));
  }

  async #send<T>(method: 'PUT' | 'POST', path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.#root}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return readApiResponse<T>(response);
  }
}
