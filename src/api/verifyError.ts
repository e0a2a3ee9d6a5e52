/**
 * A Verify API error: the HTTP status and Twilio error code a real service answers with.
 * Thrown by the service model before it changes any state, so a rejected request leaves none.
 */
export class VerifyError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'VerifyError';
  }
}

/** Twilio's error codes used here (twilio.com/docs/api/errors). */
export const ERROR_CODES = {
  authenticate: 20003,
  methodNotAllowed: 20004,
  notFound: 20404,
  invalidParameter: 60200,
  maxCheckAttempts: 60202,
  maxSendAttempts: 60203,
  /** https://www.twilio.com/docs/api/errors/20500 */
  internal: 20500,
  /** 403: https://www.twilio.com/docs/api/errors/60204 */
  featureNotEnabled: 60204,
  /** 403: https://www.twilio.com/docs/api/errors/60205 */
  smsToLandline: 60205,
  /** 400: https://www.twilio.com/docs/api/errors/60217 (no email integration on the service) */
  emailNotConfigured: 60217,
  /** 400: https://www.twilio.com/docs/api/errors/60223 */
  channelDisabled: 60223,
  /** 403: https://www.twilio.com/docs/api/errors/60605 (Verify Geo-Permissions) */
  deliveryBlocked: 60605,
  /** https://www.twilio.com/docs/api/errors/68008 (no WhatsApp sender on the service) */
  whatsappNotConfigured: 68008,
} as const;

export function invalidParameter(name: string, expected: string): VerifyError {
  return new VerifyError(
    400,
    ERROR_CODES.invalidParameter,
    `Invalid parameter: ${name}: ${expected}`,
  );
}

export function notFound(what: string): VerifyError {
  return new VerifyError(404, ERROR_CODES.notFound, `The requested resource ${what} was not found`);
}

export function methodNotAllowed(method: string, allowed: readonly string[]): VerifyError {
  return new VerifyError(
    405,
    ERROR_CODES.methodNotAllowed,
    `Method not allowed: ${method}; this resource answers ${allowed.join(', ')}`,
  );
}

/**
 * HTTP 413 for a body over the limit. Twilio documents no error code of its own for this, so the
 * body carries 60200 (invalid parameter) and names the body, like every other bad input.
 */
export function bodyTooLarge(maxBytes: number): VerifyError {
  return new VerifyError(
    413,
    ERROR_CODES.invalidParameter,
    `Invalid parameter: body: larger than ${maxBytes / 1024} KiB; a Verify request is a few hundred bytes`,
  );
}
