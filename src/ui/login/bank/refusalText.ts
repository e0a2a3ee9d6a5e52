import { ApiError } from '../apiResponse.ts';

/** Twilio's error codes the bank page explains (twilio.com/docs/api/errors). */
const EXPLANATIONS: Record<number, (message: string) => string> = {
  60200: (message) =>
    /\bTo\b/.test(message)
      ? 'That phone number is not in international (E.164) format. Type +, the country code and the number with no spaces, for example +15005550199.'
      : /\bCode\b/.test(message)
        ? 'Type the code from the call: 4 to 10 digits.'
        : `The bank sent a request the service could not accept: ${message}.`,
  60203: () =>
    'Too many codes sent to this number: the limit is 5 in 10 minutes. Wait 10 minutes, then send a new code.',
  60202: () =>
    'Too many wrong codes: this code can no longer be used. Wait until it expires (10 minutes after it was sent), then send a new code.',
  20404: () =>
    'No code is waiting for this number: it was never sent, it has been used, or it expired (codes last 10 minutes). Send a new code.',
  20003: () => "The verification service refused the bank's credentials.",
};

/** An error from the verification service (or the network) in words a bank customer reads. */
export function refusalText(error: unknown): string {
  if (error instanceof ApiError) {
    const explain = error.code === null ? undefined : EXPLANATIONS[error.code];
    const reference =
      error.code === null ? `HTTP ${error.status}` : `error ${error.code}, HTTP ${error.status}`;
    return explain
      ? `${explain(error.message)} (${reference})`
      : `The verification service refused the request: ${error.message} (${reference})`;
  }
  if (error instanceof TypeError) {
    return 'The verification service did not answer. Reload the page and try again.';
  }
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
