// The page's side of the local API: obtains the per-start secret (from the Electron preload, or by trading the
// single-use pairing code in the URL fragment), calls methods and parses every answer with the contract.
// First: code splitting puts the contracts in a chunk shared with lazily loaded screens (the survey screen), and that
// chunk runs before main.tsx's own body; zod must be jitless before any schema in it is built.
import '../zodWithoutEval.ts';
import { API_PREFIX, apiMethods, apiResponse, PairResponse, type ApiError, type ApiMethod, type ApiParams, type ApiResult } from '../../../contracts/api.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload only. */
    atrium?: { getSession(): Promise<{ secret: string }> };
  }
}

const STORAGE_KEY = 'atrium.secret';

export class ApiCallError extends Error {
  readonly code: ApiError['code'] | 'network' | 'bad_response' | 'not_paired';
  constructor(code: ApiCallError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

let secret: string | null = null;

/** Finds the session secret; throws ApiCallError('not_paired') when this page has no way to get one. */
export async function connect(): Promise<void> {
  if (window.atrium) {
    secret = (await window.atrium.getSession()).secret;
    return;
  }
  const code = new URLSearchParams(window.location.hash.slice(1)).get('pair');
  if (code) {
    // Drop the code from the address bar and history whether or not it works: it is single-use.
    history.replaceState(null, '', window.location.pathname + window.location.search);
    const res = await post('/api/pair', { code }, null);
    const parsed = apiResponse(PairResponse).safeParse(res.body);
    if (!parsed.success) throw new ApiCallError('bad_response', 'the agent answered the pairing request with an unexpected shape');
    if (!parsed.data.ok) throw new ApiCallError('not_paired', parsed.data.error.message);
    secret = parsed.data.data.secret;
    sessionStorage.setItem(STORAGE_KEY, secret);
    return;
  }
  secret = sessionStorage.getItem(STORAGE_KEY);
  if (!secret) throw new ApiCallError('not_paired', 'this page is not paired with the kiosk agent');
}

export async function call<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  if (!secret) throw new ApiCallError('not_paired', 'this page is not paired with the kiosk agent');
  const res = await post(API_PREFIX + method, params, secret);
  const parsed = apiResponse(apiMethods[method].result).safeParse(res.body);
  if (!parsed.success) throw new ApiCallError('bad_response', `unexpected answer to ${method}`);
  if (!parsed.data.ok) {
    if (parsed.data.error.code === 'unauthorized') sessionStorage.removeItem(STORAGE_KEY);
    throw new ApiCallError(parsed.data.error.code, parsed.data.error.message);
  }
  return parsed.data.data as ApiResult<M>;
}

async function post(path: string, body: unknown, token: string | null): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiCallError('network', `the kiosk agent is not answering (${(err as Error).message})`);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ApiCallError('bad_response', `the agent answered ${path} with HTTP ${res.status} and no JSON`);
  }
  return { status: res.status, body: json };
}
