import { invalidParameter } from './verifyError.ts';

/**
 * Which form parameters each simulated request reads. The names Verify defines for a request
 * are those of its OpenAPI description (twilio/twilio-oai spec/json/twilio_verify_v2.json, as
 * the twilio 6 helper library sends them), split two ways:
 * - `read`: what the simulator reads, validates and answers with;
 * - `ignored`: Verify parameters that change nothing the simulator models (message wording,
 *   locale, templates, other factors, rate-limit keys, SNA tokens), accepted so an app that sets
 *   them runs unchanged (README, "Parameters the simulator accepts").
 * Any other name is refused: a typo shows up in your tests instead of being dropped, where
 * Twilio does not document what it does.
 */
export interface RequestParameters {
  readonly request: string;
  readonly read: readonly string[];
  readonly ignored: readonly string[];
}

const SERVICE_READ = [
  'FriendlyName',
  'CodeLength',
  'DtmfInputRequired',
  'LookupEnabled',
  'SkipSmsToLandlines',
  'Psd2Enabled',
  'CustomCodeEnabled',
  'DoNotShareWarningEnabled',
  'TtsName',
  'DefaultTemplateSid',
  'VerifyEventSubscriptionEnabled',
];

const SERVICE_IGNORED = [
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
];

export const CREATE_SERVICE: RequestParameters = {
  request: 'Create Service',
  read: SERVICE_READ,
  ignored: SERVICE_IGNORED,
};

/** UpdateService takes the same parameters as CreateService, all optional. */
export const UPDATE_SERVICE: RequestParameters = {
  request: 'Update Service',
  read: SERVICE_READ,
  ignored: SERVICE_IGNORED,
};

export const CREATE_VERIFICATION: RequestParameters = {
  request: 'Create Verification',
  read: ['To', 'Channel', 'CustomCode', 'Amount', 'Payee'],
  ignored: [
    'CustomFriendlyName',
    'CustomMessage',
    'SendDigits',
    'Locale',
    'RateLimits',
    'ChannelConfiguration',
    'AppHash',
    'TemplateSid',
    'TemplateCustomSubstitutions',
    'Templates',
    'DeviceIp',
    'EnableSnaClientToken',
    'RiskCheck',
    'Tags',
  ],
};

export const UPDATE_VERIFICATION: RequestParameters = {
  request: 'Update Verification',
  read: ['Status'],
  ignored: [],
};

export const CREATE_VERIFICATION_CHECK: RequestParameters = {
  request: 'Create Verification Check',
  read: ['Code', 'To', 'VerificationSid', 'Amount', 'Payee'],
  ignored: ['SnaClientToken'],
};

/**
 * The parameters of `form` that the simulator reads, each at most once. Refuses unknown names
 * (RateLimits[...] and ChannelConfiguration[...] count under their stem).
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
