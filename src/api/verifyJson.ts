import { isoTime } from './simClock.ts';
import type { ServiceRecord, VerificationRecord } from './verifyService.ts';
import type { VerifyError } from './verifyError.ts';

/** JSON bodies shaped like Verify v2's (snake_case), built field by field so no code slips in. */
export function serviceJson(service: ServiceRecord, baseUrl: string) {
  const url = `${baseUrl}/v2/Services/${service.sid}`;
  return {
    sid: service.sid,
    account_sid: service.accountSid,
    friendly_name: service.friendlyName,
    code_length: service.codeLength,
    lookup_enabled: service.lookupEnabled,
    psd2_enabled: service.psd2Enabled,
    skip_sms_to_landlines: service.skipSmsToLandlines,
    dtmf_input_required: service.dtmfInputRequired,
    tts_name: service.ttsName,
    do_not_share_warning_enabled: service.doNotShareWarningEnabled,
    custom_code_enabled: service.customCodeEnabled,
    default_template_sid: service.defaultTemplateSid,
    verify_event_subscription_enabled: service.verifyEventSubscriptionEnabled,
    date_created: isoTime(service.dateCreatedMs),
    date_updated: isoTime(service.dateUpdatedMs),
    url,
    links: {
      verifications: `${url}/Verifications`,
      verification_checks: `${url}/VerificationCheck`,
    },
  };
}

/** The fields a verification and a check of it share, in Verify's order. */
function verificationFields(verification: VerificationRecord) {
  return {
    sid: verification.sid,
    service_sid: verification.serviceSid,
    account_sid: verification.accountSid,
    to: verification.to,
    channel: verification.channel,
    status: verification.status,
    valid: verification.status === 'approved',
  };
}

export function verificationJson(verification: VerificationRecord, baseUrl: string) {
  return {
    ...verificationFields(verification),
    lookup: {},
    amount: verification.amount,
    payee: verification.payee,
    send_code_attempts: verification.sendCodeAttempts.map((attempt) => ({
      attempt_sid: attempt.attemptSid,
      channel: attempt.channel,
      time: isoTime(attempt.timeMs),
    })),
    sna: null,
    date_created: isoTime(verification.dateCreatedMs),
    date_updated: isoTime(verification.dateUpdatedMs),
    url: `${baseUrl}/v2/Services/${verification.serviceSid}/Verifications/${verification.sid}`,
  };
}

export function verificationCheckJson(verification: VerificationRecord) {
  return {
    ...verificationFields(verification),
    amount: verification.amount,
    payee: verification.payee,
    sna_attempts_error_codes: [],
    date_created: isoTime(verification.dateCreatedMs),
    date_updated: isoTime(verification.dateUpdatedMs),
  };
}

export function errorJson(error: VerifyError) {
  return {
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  };
}
