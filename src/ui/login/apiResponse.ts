/**
 * A refusal from the simulator: Verify's error body (`code`, `message`, `status`), or just the
 * HTTP status when the body is not one (the worker missing, a proxy's error page).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** Twilio's error code (60200, 60203, 20404…), or null. */
    readonly code: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The JSON body of a 2xx response; anything else becomes an ApiError. */
export async function readApiResponse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    // Not JSON: reported by status below.
  }
  if (response.ok && body !== null) return body as T;
  const error = body as { code?: unknown; message?: unknown } | null;
  throw new ApiError(
    response.status,
    typeof error?.code === 'number' ? error.code : null,
    typeof error?.message === 'string'
      ? error.message
      : `HTTP ${response.status} ${response.statusText}`.trim(),
  );
}
