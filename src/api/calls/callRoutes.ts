/**
 * The Calls API's endpoints (twilio/twilio-oai spec/json/twilio_api_v2010.json, paths
 * `/2010-04-01/Accounts/{AccountSid}/Calls.json` and `.../Calls/{Sid}.json`): create, list,
 * fetch and update, form-encoded, answered with Twilio's JSON.
 */
import { optionalInteger } from '../formParams.ts';
import type { Accounts } from '../accounts.ts';
import { readForm, requireBasicAuth } from '../requestForm.ts';
import { route, type Route, type RouteParams } from '../routes.ts';
import { notFound, VerifyError } from '../verifyError.ts';
import { API_VERSION, callJson, callPageJson } from './callJson.ts';
import { CALL_ERRORS, readCreateCall, readUpdateCall } from './callParameters.ts';
import type { CallsService } from './callsService.ts';

const ACCOUNT = `/${API_VERSION}/Accounts/:accountSid`;

/**
 * The account in the path, which must be the one authenticated: another account's calls do not
 * exist here (404), as another account's Verify services do not.
 */
function account(request: Request, params: RouteParams, accounts: Accounts): string {
  const accountSid = requireBasicAuth(request, accounts);
  if (params.accountSid !== accountSid) {
    throw notFound(`/${API_VERSION}/Accounts/${params.accountSid}`);
  }
  return accountSid;
}

/**
 * The token that signs the call's requests: the account's auth token when the account is
 * registered (`sim serve`), else (in-process, any account accepted) the Basic auth secret.
 */
function signingToken(request: Request, accountSid: string, accounts: Accounts): string {
  const registered = accounts.authTokenOf(accountSid);
  if (registered !== null) return registered;
  const header = request.headers.get('authorization') ?? '';
  const credentials = atob(header.replace(/^Basic\s+/i, '').trim());
  return credentials.slice(credentials.indexOf(':') + 1);
}

/** `CA….json` → the sid; anything else names no call. */
function callSid(params: RouteParams): string {
  const file = params.callFile!;
  if (!file.endsWith('.json')) throw notFound(`/Calls/${file}`);
  return file.slice(0, -'.json'.length);
}

function pageFilter(query: URLSearchParams, name: 'To' | 'From' | 'Status'): string | null {
  return query.get(name);
}

/** The most calls a page holds: "The default is 50, and the maximum is 1000" (twilio-node call.ts). */
const MAX_PAGE_SIZE = 1000;

/**
 * PageSize: a whole number over the maximum is 400 / 20007, Twilio's "Page size too large"; any
 * other bad value (0, not a number) keeps the shared 400 / 60200, for want of a documented code.
 */
function readPageSize(value: string | null): number {
  if (value !== null && /^\d+$/.test(value) && Number(value) > MAX_PAGE_SIZE) {
    throw new VerifyError(
      400,
      CALL_ERRORS.pageSizeTooLarge,
      `PageSize: the maximum page size is ${MAX_PAGE_SIZE}; found ${value}`,
    );
  }
  return optionalInteger('PageSize', value, 1, MAX_PAGE_SIZE, 50);
}

/** The Calls API's routes over `calls`. */
export function callRoutes(calls: CallsService): Route[] {
  return [
    route(
      'POST',
      `${ACCOUNT}/Calls.json`,
      async ({ request, params }) => {
        const accountSid = account(request, params, calls.accounts);
        const input = readCreateCall(await readForm(request));
        return callJson(
          calls.create(accountSid, signingToken(request, accountSid, calls.accounts), input),
        );
      },
      201,
    ),
    route('GET', `${ACCOUNT}/Calls.json`, ({ request, params }) => {
      const accountSid = account(request, params, calls.accounts);
      const query = new URL(request.url).searchParams;
      const filters = {
        To: pageFilter(query, 'To'),
        From: pageFilter(query, 'From'),
        Status: pageFilter(query, 'Status'),
      };
      const listed = calls.list(accountSid, {
        ...(filters.To === null ? {} : { To: filters.To }),
        ...(filters.From === null ? {} : { From: filters.From }),
        ...(filters.Status === null ? {} : { Status: filters.Status }),
      });
      const pageToken = query.get('PageToken');
      if (pageToken !== null && !listed.some((call) => `PA${call.sid}` === pageToken)) {
        throw new VerifyError(
          400,
          CALL_ERRORS.badPageToken,
          `PageToken: no such page: ${pageToken}`,
        );
      }
      return callPageJson(accountSid, listed, {
        pageSize: readPageSize(query.get('PageSize')),
        page: optionalInteger('Page', query.get('Page'), 0, 1_000_000, 0),
        pageToken,
        filters,
      });
    }),
    route('GET', `${ACCOUNT}/Calls/:callFile`, ({ request, params }) => {
      const accountSid = account(request, params, calls.accounts);
      return callJson(calls.call(accountSid, callSid(params)));
    }),
    route('POST', `${ACCOUNT}/Calls/:callFile`, async ({ request, params }) => {
      const accountSid = account(request, params, calls.accounts);
      const sid = callSid(params);
      calls.call(accountSid, sid);
      const update = readUpdateCall(await readForm(request));
      return callJson(calls.update(accountSid, sid, update));
    }),
  ];
}
