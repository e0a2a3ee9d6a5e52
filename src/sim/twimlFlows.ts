/**
 * A scenario's TwiML flows made ready to run: static documents parsed once per run and served as
 * a static host serves files (by path, query strings ignored, `{{Name}}` placeholders filled from
 * the request as TwiML Bins fill them), `url` flows left to the webhook client, the call options
 * in engine units, and each call's request parameters.
 */
import type { Ms } from '../core/units.ts';
import type { Rng } from '../core/rng.ts';
import {
  INLINE_SCHEME,
  resolveDocumentUrl,
  type TwimlFlowProgram,
  type TwimlResult,
} from '../flows/index.ts';
import { twilioAmdSettings } from '../phone/twilioAmd/index.ts';
import {
  firstDocumentKey,
  inlineFlowDocuments,
  isTwimlFlow,
  normalizeFlowPath,
  type Flow,
  type Scenario,
} from '../scenario/index.ts';
import {
  createSidGenerator,
  parseTwiml,
  type ParsedTwiml,
  type TwimlDocument,
  type TwimlRequest,
  type TwimlResponse,
} from '../twiml/index.ts';
import { msSampler } from '../core/msSampler.ts';
import { secondsToMs } from '../core/units.ts';

/** Twilio's API version, as its voice requests carry it (ApiVersion). */
const API_VERSION = '2010-04-01';

/** How the documents of a flow are answered: from the scenario, or by the webhook. */
export interface TwimlDocumentSource {
  /** A static document's answer now, or null: the request goes out to the webhook. */
  answer(request: TwimlRequest): TwimlResult | null;
  /** A webhook's answer as a document to run, or the failure that ends the call. */
  read(response: TwimlResponse, request: TwimlRequest): TwimlResult;
}

/** What one call of a TwiML flow needs beyond the scenario. */
export interface TwimlCallPlan {
  readonly program: TwimlFlowProgram;
  readonly documents: TwimlDocumentSource;
  readonly callParams: Readonly<Record<string, string>>;
  /** The code this call's verification reads (a `<Say>` that holds its digits reads it), or null. */
  readonly code: string | null;
  readonly ringTimeoutMs: Ms;
  /** Simulated time a webhook's answer takes (0 unless the scenario asks for more). */
  latencyMs(): Ms;
}

/** A flow compiled once per run. */
export interface CompiledTwimlFlow {
  readonly id: string;
  /** Some request of it goes to a webhook: the run needs a webhook client. */
  readonly live: boolean;
  /** This call's plan: request parameters drawn from the trial's stream. */
  planCall(rng: Rng, code: string): TwimlCallPlan;
}

/** The texts of a scenario's static documents, by path relative to the scenario's folder. */
export type TwimlTexts = Readonly<Record<string, string>>;

/** Compiles every flow the scenario declares; throws on a document that does not parse. */
export function compileTwimlFlows(
  scenario: Scenario,
  texts: TwimlTexts,
): ReadonlyMap<string, CompiledTwimlFlow> {
  const documents = parseDocuments(scenario, texts);
  const flows = new Map<string, CompiledTwimlFlow>();
  for (const [id, flow] of Object.entries(scenario.flows)) {
    flows.set(id, compileFlow(scenario, id, flow, documents));
  }
  return flows;
}

function parseDocuments(scenario: Scenario, texts: TwimlTexts): Map<string, TwimlDocument> {
  const documents = new Map<string, TwimlDocument>();
  const add = (url: string, text: string) => {
    const parsed = parseTwiml(text, url);
    if (!parsed.ok) {
      const issue = parsed.issues[0]!;
      throw new Error(`${url}: ${issue.message} at line ${issue.line}, column ${issue.column}.`);
    }
    documents.set(url, parsed.document);
  };
  const all = { ...texts, ...inlineFlowDocuments(scenario.flows) };
  for (const [key, text] of Object.entries(all)) add(key, text);
  return documents;
}

function compileFlow(
  scenario: Scenario,
  id: string,
  flow: Flow,
  documents: ReadonlyMap<string, TwimlDocument>,
): CompiledTwimlFlow {
  const { platform } = scenario;
  const isUrl = !isTwimlFlow(flow);
  const entryUrl = isUrl ? flow.url : firstDocumentKey(id, flow)!;
  const mediaMs = new Map(
    Object.entries(flow.media).map(([url, seconds]) => [url, secondsToMs(seconds)] as const),
  );
  const defaultMediaMs = secondsToMs(flow.mediaSeconds);
  const program: TwimlFlowProgram = {
    entryUrl,
    entryMethod: isUrl ? flow.method : 'POST',
    amd:
      flow.machineDetection === undefined
        ? null
        : twilioAmdSettings(flow.machineDetection, {
            timeoutMs: secondsToMs(flow.machineDetectionTimeout),
            speechThresholdMs: flow.machineDetectionSpeechThreshold,
            speechEndThresholdMs: flow.machineDetectionSpeechEndThreshold,
            silenceTimeoutMs: flow.machineDetectionSilenceTimeout,
          }),
    sendDigits: flow.sendDigits ?? '',
    keysOutsideGather: flow.keysOutsideGather,
    mediaMs: (url) => mediaMs.get(url) ?? defaultMediaMs,
    resolveUrl: memo((ref: string, base: string) => resolveDocumentUrl(ref, base)),
  };
  const source = documentSource(documents, isUrl);
  const latency = msSampler(platform.webhookLatencySeconds);
  const ringTimeoutMs = secondsToMs(flow.timeout);
  return {
    id,
    live: isUrl || hasAbsoluteReferences(documents),
    planCall(rng, code) {
      const callSid = createSidGenerator(rng)('CA');
      const callSeed = String(rng.int(0x1_0000_0000));
      return {
        program,
        documents: source,
        code,
        ringTimeoutMs,
        callParams: {
          CallSid: callSid,
          AccountSid: platform.accountSid,
          From: platform.from,
          To: platform.to,
          Caller: platform.from,
          Called: platform.to,
          Direction: 'outbound-api',
          ApiVersion: API_VERSION,
          Code: code,
          CallSeed: callSeed,
        },
        latencyMs: () => latency(rng),
      };
    },
  };
}

/**
 * Static documents answer by path (a static host ignores the query string, but TwiML Bins fill
 * placeholders from it too); anything else, and every request of a `url` flow, goes to the
 * webhook.
 */
function documentSource(
  documents: ReadonlyMap<string, TwimlDocument>,
  isUrl: boolean,
): TwimlDocumentSource {
  const parsedBodies = new BodyCache();
  // What each URL a call asks for names: its document (or none) and its query's parameters.
  const lookUp = memo((url: string) => {
    const [path, query] = splitQuery(url);
    const key = path.startsWith(INLINE_SCHEME) ? path : normalizeFlowPath(path);
    return {
      path,
      document: documents.get(key) ?? null,
      query: query === '' ? null : Object.fromEntries(new URLSearchParams(query)),
    };
  });
  return {
    answer(request) {
      if (isUrl || isAbsolute(request.url)) return null;
      const { path, document, query } = lookUp(request.url);
      if (!document) {
        return {
          ok: false,
          message: `no document at ${path} (404 Not Found)`,
          // Twilio's 11200: HTTP retrieval failure (https://www.twilio.com/docs/api/errors/11200).
          twilioCode: 11200,
        };
      }
      return {
        ok: true,
        document,
        url: request.url,
        fill: query === null ? request.params : { ...query, ...request.params },
      };
    },
    read(response, request) {
      if (!response.ok) {
        return { ok: false, message: response.message, twilioCode: response.twilioCode };
      }
      const parsed = parsedBodies.parse(response.body, request.url);
      if (!parsed.ok) {
        const issue = parsed.issues[0]!;
        return {
          ok: false,
          message: `${issue.message} at line ${issue.line}, column ${issue.column}`,
          twilioCode: issue.twilioCode ?? 12100,
        };
      }
      return { ok: true, document: parsed.document, url: request.url, fill: null };
    },
  };
}

/**
 * Webhooks tend to answer the same few documents again and again (the prompt for each digit);
 * each distinct body is parsed once, up to a bound.
 */
class BodyCache {
  private static readonly MAX_ENTRIES = 256;
  private readonly entries = new Map<string, ParsedTwiml>();

  parse(body: string, url: string): ParsedTwiml {
    const cached = this.entries.get(body);
    if (cached) return cached;
    const parsed = parseTwiml(body, url);
    if (this.entries.size >= BodyCache.MAX_ENTRIES) this.entries.clear();
    this.entries.set(body, parsed);
    return parsed;
  }
}

/**
 * `f` remembering its answers, up to a bound (then it starts afresh): for the few URLs a flow's
 * calls ask for again and again. `f` must be pure.
 */
function memo<A extends unknown[], R>(f: (...args: A) => R, bound = 1024): (...args: A) => R {
  const answers = new Map<string, R>();
  return (...args) => {
    const key = args.join('\u0000');
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= bound) answers.clear();
      answer = f(...args);
      answers.set(key, answer);
    }
    return answer;
  };
}

function hasAbsoluteReferences(documents: ReadonlyMap<string, TwimlDocument>): boolean {
  for (const document of documents.values()) {
    for (const verb of document.verbs) {
      const refs =
        verb.verb === 'Redirect'
          ? [verb.url]
          : verb.verb === 'Gather' || verb.verb === 'Record'
            ? [verb.action ?? '']
            : [];
      if (refs.some(isAbsolute)) return true;
    }
  }
  return false;
}

function isAbsolute(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function splitQuery(url: string): [string, string] {
  const noFragment = url.split('#', 1)[0]!;
  const at = noFragment.indexOf('?');
  return at < 0 ? [noFragment, ''] : [noFragment.slice(0, at), noFragment.slice(at + 1)];
}
