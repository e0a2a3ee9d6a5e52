import type { CallLogEntry, HandsetCall } from '../../api/index.ts';
import type { StrategyId } from '../../scenario/index.ts';
import { ApiError } from './apiResponse.ts';
import { refusalText } from './bank/refusalText.ts';
import { VerifyClient } from './bank/verifyClient.ts';
import { phonePreset } from './sim/phonePresets.ts';
import { SimulatorControl } from './sim/simulatorControl.ts';

export type Role = 'owner' | 'attacker';

export interface BankMessage {
  readonly tone: 'progress' | 'refused' | 'signed-in';
  readonly text: string;
}

/** The bank's Verify account: any account sid and token pass the simulator's Basic auth. */
const BANK_CREDENTIALS = { accountSid: 'AC0000000000000000000000000000ba4c', authToken: 'demo' };
const TEN_MINUTES_SECONDS = 600;

/**
 * The login demo's state, kept across view switches: the trainer's choices for the simulated
 * world, the bank page's fields and what the last call did. The bank talks to Verify and the
 * trainer to the control plane, both over fetch, answered by msw's service worker.
 */
class LoginDemo {
  strategy: StrategyId = $state('static-prompt');
  phonePresetId = $state('owner-answers');
  role: Role = $state('owner');
  number = $state('+15005550199');
  code = $state('');

  simulator: 'off' | 'starting' | 'ready' | 'failed' = $state('off');
  startError = $state('');
  busy = $state(false);
  bankMessage: BankMessage | null = $state(null);
  signedIn = $state(false);
  /** The call the last send placed, as the simulator logged it. */
  call: CallLogEntry | null = $state.raw(null);
  /** The number that call went to. */
  calledNumber = $state('');
  /** That call on the owner's phone, when the owner picked up: what they heard and pressed. */
  handset: HandsetCall | null = $state.raw(null);
  /** Why the phone could not be read, or ''. */
  handsetError = $state('');
  clockNote = $state('');

  #bank: VerifyClient | null = null;
  #sim: SimulatorControl | null = $state.raw(null);
  #serviceSid: string | null = null;

  get control(): SimulatorControl | null {
    return this.#sim;
  }

  /** Loads and starts the simulator the first time the view opens, not before. */
  async start(): Promise<void> {
    if (this.simulator === 'starting' || this.simulator === 'ready') return;
    this.simulator = 'starting';
    try {
      const { startVerifySimulator } = await import('./sim/startVerifySimulator.ts');
      const { baseUrl } = await startVerifySimulator();
      this.#bank = new VerifyClient(baseUrl, BANK_CREDENTIALS);
      this.#sim = new SimulatorControl(baseUrl);
      this.simulator = 'ready';
    } catch (error) {
      this.startError = error instanceof Error ? error.message : String(error);
      this.simulator = 'failed';
    }
  }

  /** The trainer's setup goes in through the control plane, then the bank asks for a call. */
  async sendCode(): Promise<void> {
    await this.#run(`Calling ${this.number.trim()}…`, async (bank, sim) => {
      const number = this.number.trim();
      this.signedIn = false;
      const serviceSid = await this.#serviceSidFrom(bank);
      await sim.setStrategy(serviceSid, this.strategy);
      // Played by the trainee, the owner presses the keys the call asks for on the keypad.
      const setup = { ...phonePreset(this.phonePresetId).setup, keypad: this.role === 'owner' };
      await sim.setUpPhone(number, setup).catch(badNumberIsBanks);
      const verification = await bank.sendCode(serviceSid, number, 'call');
      const attemptSid = verification.send_code_attempts.at(-1)?.attempt_sid ?? '';
      this.calledNumber = number;
      this.code = '';
      this.call = null;
      this.handset = null;
      const ringing = await this.#followCall(sim, attemptSid);
      return {
        tone: 'progress',
        text: ringing
          ? `We are calling ${number}. Answer and follow the call's instructions, then type the code you hear below.`
          : `We called ${number} with your code. Type it below to sign in.`,
      };
    });
  }

  /** The owner presses `digit` on the keypad of the call waiting for a key. */
  async pressKey(digit: string): Promise<void> {
    const sim = this.#sim;
    const waiting = this.handset;
    if (!sim || !waiting?.awaitingKey || this.busy) return;
    this.busy = true;
    this.handsetError = '';
    try {
      this.handset = await sim.pressKey(this.calledNumber, digit);
      if (!this.handset.awaitingKey) await this.#followCall(sim, waiting.callSid);
    } catch (error) {
      this.handsetError = refusalText(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * Reads the call from the phone (handset) and, once it has ended, from the call log; true
   * while the call waits for the owner's key.
   */
  async #followCall(sim: SimulatorControl, callSid: string): Promise<boolean> {
    this.handsetError = '';
    let handset: HandsetCall | null = null;
    try {
      handset = (await sim.handset(this.calledNumber)).find((c) => c.callSid === callSid) ?? null;
    } catch (error) {
      this.handsetError = refusalText(error);
    }
    this.handset = handset;
    if (handset?.awaitingKey) return true;
    const calls = await sim.calls(this.calledNumber);
    this.call = calls.find((c) => c.callSid === callSid) ?? null;
    return false;
  }

  async signIn(): Promise<void> {
    await this.#run('Checking the code…', async (bank) => {
      const check = await bank.checkCode(
        await this.#serviceSidFrom(bank),
        this.number.trim(),
        this.code.trim(),
      );
      this.signedIn = check.status === 'approved';
      if (this.signedIn) return { tone: 'signed-in', text: 'Signed in. Welcome to your account.' };
      return {
        tone: 'refused',
        text:
          check.status === 'max_attempts_reached'
            ? 'That code is not right, and that was the last try for this code. Wait until it expires (10 minutes after it was sent), then send a new code.'
            : 'That code is not right. Check it and try again.',
      };
    });
  }

  signOut(): void {
    this.signedIn = false;
    this.code = '';
    this.bankMessage = null;
  }

  /** Moves the simulated clock: codes expire and the send limit frees up, without waiting. */
  async letTenMinutesPass(): Promise<void> {
    const sim = this.#sim;
    if (!sim) return;
    try {
      const { now } = await sim.advanceClock(TEN_MINUTES_SECONDS);
      this.clockNote = `Simulated time is now ${now}: earlier codes have expired and the send limit counts from here.`;
    } catch (error) {
      this.clockNote = refusalText(error);
    }
  }

  async resetSimulator(): Promise<void> {
    const sim = this.#sim;
    if (!sim) return;
    try {
      await sim.reset();
    } catch (error) {
      this.clockNote = refusalText(error);
      return;
    }
    this.#serviceSid = null;
    this.call = null;
    this.handset = null;
    this.signOut();
    this.clockNote =
      'The simulator starts afresh: no services, calls or messages, clock back at the start.';
  }

  async #run(
    progress: string,
    request: (bank: VerifyClient, sim: SimulatorControl) => Promise<BankMessage>,
  ): Promise<void> {
    const bank = this.#bank;
    const sim = this.#sim;
    if (!bank || !sim || this.busy) return;
    this.busy = true;
    this.bankMessage = { tone: 'progress', text: progress };
    try {
      this.bankMessage = await request(bank, sim);
    } catch (error) {
      this.bankMessage = { tone: 'refused', text: refusalText(error) };
    } finally {
      this.busy = false;
    }
  }

  /** The bank's own Verify service, created on first use (and again after a reset). */
  async #serviceSidFrom(bank: VerifyClient): Promise<string> {
    this.#serviceSid ??= (await bank.createService('Demo Bank')).sid;
    return this.#serviceSid;
  }
}

/** A number the phone setup refuses is left for the bank's own request to report (60200). */
function badNumberIsBanks(error: unknown): void {
  if (!(error instanceof ApiError && error.code === 60200)) throw error;
}

export const loginDemo = new LoginDemo();
