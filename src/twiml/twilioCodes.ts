/**
 * Twilio's error and warning codes for TwiML documents, each with its page in Twilio's Error and
 * Warning Dictionary (https://www.twilio.com/docs/api/errors). A TwimlIssue carries one of these,
 * or null where Twilio would run the document and only the simulator cannot (a verb it does not
 * run, a placeholder it cannot check).
 */
export const TWILIO_CODES = {
  /** https://www.twilio.com/docs/api/errors/11750: "the response body is larger than 64 kB". */
  responseTooLarge: 11750,
  /** https://www.twilio.com/docs/api/errors/12100: the XML could not be parsed. */
  documentParseFailure: 12100,
  /** https://www.twilio.com/docs/api/errors/12102: "The root element must be Response". */
  rootNotResponse: 12102,
  /**
   * https://www.twilio.com/docs/api/errors/12200: misspelled or unknown verbs, unknown
   * attributes, unknown or unexpected nested elements.
   */
  schemaWarning: 12200,
  /** https://www.twilio.com/docs/api/errors/13310: Gather finishOnKey. */
  gatherFinishOnKey: 13310,
  /** https://www.twilio.com/docs/api/errors/13312: Gather method (GET or POST). */
  gatherMethod: 13312,
  /** https://www.twilio.com/docs/api/errors/13313: Gather timeout (positive integer). */
  gatherTimeout: 13313,
  /** https://www.twilio.com/docs/api/errors/13314: Gather numDigits (positive integer). */
  gatherNumDigits: 13314,
  /** https://www.twilio.com/docs/api/errors/13320: Gather: invalid nested verb. */
  gatherNestedVerb: 13320,
  /** https://www.twilio.com/docs/api/errors/13322: Gather->Say loop (integer ≥ 0). */
  gatherSayLoop: 13322,
  /** https://www.twilio.com/docs/api/errors/13338: Gather actionOnEmptyResult. */
  gatherActionOnEmptyResult: 13338,
  /** https://www.twilio.com/docs/api/errors/13410: Play loop (integer ≥ 0). */
  playLoop: 13410,
  /** https://www.twilio.com/docs/api/errors/13430: Play digits (0123456789ABCD*#wW). */
  playDigits: 13430,
  /** https://www.twilio.com/docs/api/errors/13510: Say loop (integer ≥ 0). */
  sayLoop: 13510,
  /** https://www.twilio.com/docs/api/errors/13520: "The text of the Say verb was empty". */
  sayText: 13520,
  /** https://www.twilio.com/docs/api/errors/13610: Record method (GET or POST). */
  recordMethod: 13610,
  /** https://www.twilio.com/docs/api/errors/13611: Record timeout (positive integer). */
  recordTimeout: 13611,
  /** https://www.twilio.com/docs/api/errors/13612: Record maxLength (positive integer). */
  recordMaxLength: 13612,
  /** https://www.twilio.com/docs/api/errors/13613: Record finishOnKey (0123456789#*). */
  recordFinishOnKey: 13613,
  /** https://www.twilio.com/docs/api/errors/13616: "playBeep must be true or false". */
  recordPlayBeep: 13616,
  /** https://www.twilio.com/docs/api/errors/13710: Redirect method (GET or POST). */
  redirectMethod: 13710,
  /** https://www.twilio.com/docs/api/errors/13910: Pause length (positive integer). */
  pauseLength: 13910,
} as const;
