import { invalidParameter } from './verifyError.ts';

/**
 * Which form parameters each simulated request reads. The names Verify defines for a request
 * are those of its OpenAPI description (twilio/twilio-oai, as the twilio 6 helper library sends
 * them), split three ways:
 * - `read`: what the simulator implements and validates;
 * - `ignored`: Verify parameters that change nothing the simulator models (message wording,
 *   locale, other channels, metadata), accepted so an app that sets them runs unchanged;
 * - `unsupported`: Verify parameters that would change the outcome in ways the simulator does
 *   not reproduce (a code chosen by the app, payment details, custom rate limits), refused so a
 *   test never passes on a setting that was silently dropped.
 * Any other name is refused too: a typo shows up in your tests instead of being dropped.
 */
export interface RequestParameters {
  readonly request: string;
  readonly read: readonly string[];
  readonly ignored: readonly string[];
  readonly unsupported: readonly string[];
}

export const CREATE_SERVICE: RequestParameters = {
  request: 'Create Service',
  read: ['FriendlyName', 'CodeLength', 'DtmfInputRequired'],
  ignored: [
    'LookupEnabled',
    'SkipSmsToLandlines',
    'TtsName',
    'DoNotShareWarningEnabled',
    'DefaultTemplateSid',
    'VerifyEventSubscriptionEnabled',
    'Push.IncludeDate',
    'Push.ApnCredentialSid',
    'Push.FcmCredentialSid',
    'Totp.Issuer',
    'Totp.TimeStep',
    'Totp.CodeLength',
    'Totp.Skew',
    'Whatsapp.MsgServiceSid',
    'Whatsapp.From',
    'Passkeys.RelyingParty.Id',
    'Passkeys.RelyingParty.Name',
    'Passkeys.RelyingParty.Origins',
    'Passkeys.AuthenticatorAttachment',
    'Passkeys.DiscoverableCredentials',
    'Passkeys.UserVerification',
  ],
  unsupported: ['CustomCodeEnabled', 'Psd2Enabled'],
};

export const CREATE_VERIFICATION: RequestParameters = {
  request: 'Create Verification',
  read: ['To', 'Channel'],
  ignored: [
    'CustomFriendlyName',
    'CustomMessage',
    'Locale',
    'AppHash',
    'TemplateSid',
    'TemplateCustomSubstitutions',
    'Templates',
    'ChannelConfiguration',
    'DeviceIp',
    'RiskCheck',
    'Tags',
  ],
  unsupported: [
    'CustomCode',
    'SendDigits',
    'Amount',
    'Payee',
    'RateLimits',
    'EnableSnaClientToken',
  ],
};

export const UPDATE_VERIFICATION: RequestParameters = {
  request: 'Update Verification',
  read: ['Status'],
  ignored: [],
  unsupported: [],
};

export const CREATE_VERIFICATION_CHECK: RequestParameters = {
  request: 'Create Verification Check',
  read: ['Code', 'To', 'VerificationSid'],
  ignored: [],
  unsupported: ['Amount', 'Payee', 'SnaClientToken'],
};

/**
 * The parameters of `form` that the simulator reads, each at most once. Refuses unsupported
 * and unknown names (RateLimits[...] and ChannelConfiguration[...] count under their stem).
 */
export function readParameters(
  form: URLSearchParams,
  spec: RequestParameters,
): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of form) {
    const stem = name.replace(/\[.*$/, '');
    if (spec.read.includes(name)) {
      if (values.has(name)) throw invalidParameter(name, 'pass it once');
      values.set(name, value);
    } else if (spec.unsupported.includes(stem)) {
      throw invalidParameter(
        name,
        `a ${spec.request} parameter the simulator does not reproduce; leave it out`,
      );
    } else if (!spec.ignored.includes(stem)) {
      throw invalidParameter(
        shortened(name),
        `not a ${spec.request} parameter; the simulator reads ${spec.read.join(', ')}`,
      );
    }
  }
  return values;
}

/** A name echoed in an error message, cut short: the body may be up to 16 KiB of one name. */
function shortened(name: string): string {
  return name.length > 64 ? `${name.slice(0, 64)}…` : name;
}
