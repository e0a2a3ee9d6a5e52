import { HttpResponse } from 'msw';
import { VerifyError } from './verifyError.ts';
import { errorJson } from './verifyJson.ts';

/** A VerifyError becomes Twilio's error body; anything else is a bug and propagates. */
export function respondWith(run: () => Promise<unknown> | unknown, status = 200) {
  return Promise.resolve()
    .then(run)
    .then(
      (body) => HttpResponse.json(body as Record<string, unknown>, { status }),
      (error: unknown) => {
        if (error instanceof VerifyError)
          return HttpResponse.json(errorJson(error), { status: error.status });
        throw error;
      },
    );
}
