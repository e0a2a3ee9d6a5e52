import { HttpResponse } from 'msw';
import { VerifyError } from './verifyError.ts';
import { errorJson } from './verifyJson.ts';

/** A VerifyError becomes Twilio's error body; anything else is a bug and propagates. */
export function respondWith(run: () => unknown, status = 200) {
  return Promise.resolve()
    .then(run)
    .then(
      (body) =>
        // 204 No Content: a delete answers with no body at all.
        status === 204
          ? new HttpResponse(null, { status })
          : HttpResponse.json(body as Record<string, unknown>, { status }),
      (error: unknown) => {
        if (!(error instanceof VerifyError)) throw error;
        // The rest of an oversized body is never read, so over real HTTP the connection cannot
        // carry another request: tell the client not to reuse it.
        const headers: Record<string, string> = error.status === 413 ? { connection: 'close' } : {};
        return HttpResponse.json(errorJson(error), { status: error.status, headers });
      },
    );
}
