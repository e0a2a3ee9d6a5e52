import { invalidParameter } from './verifyError.ts';

/** E.164: a plus, a non-zero country digit, at most 15 digits in all (ITU-T E.164). */
const E164 = /^\+[1-9]\d{1,14}$/;

export function requireE164(name: string, value: string | null): string {
  if (value === null || !E164.test(value)) {
    throw invalidParameter(name, `pass a phone number in E.164 format, such as +15017122661`);
  }
  return value;
}

export function requireOneOf<T extends string>(
  name: string,
  value: string | null,
  allowed: readonly T[],
): T {
  if (value === null || !(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(name, `use one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function optionalInteger(
  name: string,
  value: string | null,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw invalidParameter(name, `use a whole number ${min} to ${max}`);
  }
  return n;
}

/** Twilio's helper libraries send booleans as 'true' / 'false'. */
export function optionalBoolean(name: string, value: string | null, fallback: boolean): boolean {
  if (value === null) return fallback;
  if (value === 'true' || value === 'True') return true;
  if (value === 'false' || value === 'False') return false;
  throw invalidParameter(name, 'use true or false');
}

export function optionalText(
  name: string,
  value: string | null,
  maxLength: number,
  minLength = 1,
): string | null {
  if (value === null) return null;
  if (value.length < minLength || value.length > maxLength) {
    throw invalidParameter(name, `use ${minLength} to ${maxLength} characters`);
  }
  return value;
}
