// One HTTP exchange with a time limit, bounded retries (429 honouring Retry-After, 5xx) with
// exponential backoff and jitter, and redirects that never carry credentials to another origin.
// Built on Node's fetch (undici). Returns typed results; never logs headers.
import { fail, ok, type Result } from './result';

export interface HttpPolicy {
	/** Per attempt, covering headers and body. */
	timeoutMs: number;
	/** Extra attempts after a 429 or 5xx. */
	maxRetries: number;
	/** First backoff; doubles per retry, with jitter (half fixed, half random). */
	retryBaseMs: number;
	/** Longest wait between attempts; a Retry-After beyond it gives up at once. */
	maxRetryDelayMs: number;
	/** Cancels the whole exchange, including waits between attempts. */
	signal?: AbortSignal;
	/** Debug lines (method, URL, status, time). Never headers. */
	log?: (line: string) => void;
}

export const DEFAULT_POLICY: HttpPolicy = { timeoutMs: 10_000, maxRetries: 3, retryBaseMs: 250, maxRetryDelayMs: 10_000 };

export interface HttpRequest {
	method: 'GET' | 'HEAD' | 'POST';
	url: URL;
	headers?: Record<string, string>;
	body?: string;
}

export interface HttpResponse {
	status: number;
	headers: Headers;
	body: Buffer;
	url: URL;
	/** Attempts made, including the successful one. */
	attempts: number;
}

/** Larger answers are not registry metadata: refuse rather than buffer them. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/** Sends `request`; any HTTP status is `ok` except 429/5xx after the retries ran out. */
export async function send(request: HttpRequest, policy: HttpPolicy): Promise<Result<HttpResponse>> {
	const described = `${request.method} ${request.url.origin}${request.url.pathname}`;
	for (let attempt = 1; ; attempt++) {
		const started = Date.now();
		const result = await attemptOnce(request, policy);
		if (!result.ok) {
			policy.log?.(`${described}: ${result.error.message} (${Date.now() - started} ms)`);
			return result.error.kind === 'timeout' || result.error.kind === 'network'
				? fail(result.error.kind, `${described}: ${result.error.message}`)
				: result;
		}
		const response = result.value;
		policy.log?.(`${described}: ${response.status} (${Date.now() - started} ms)`);
		const retriable = response.status === 429 || response.status >= 500;
		if (!retriable) return ok({ ...response, attempts: attempt });
		const kind = response.status === 429 ? 'rate-limited' : 'server';
		const what = response.status === 429 ? 'rate limited (429)' : `server error ${response.status}`;
		if (attempt > policy.maxRetries) {
			return fail(kind, `${described}: ${what} after ${attempt} attempt${attempt === 1 ? '' : 's'}`, response.status);
		}
		const delay = retryDelay(response, attempt, policy);
		if (delay === undefined) {
			return fail(kind, `${described}: ${what}; Retry-After asks for longer than ${policy.maxRetryDelayMs} ms`, response.status);
		}
		if (!await sleep(delay, policy.signal)) return fail('timeout', `${described}: cancelled`);
	}
}

async function attemptOnce(request: HttpRequest, policy: HttpPolicy): Promise<Result<Omit<HttpResponse, 'attempts'>>> {
	const timeout = AbortSignal.timeout(policy.timeoutMs);
	const signal = policy.signal ? AbortSignal.any([timeout, policy.signal]) : timeout;
	let url = request.url;
	let headers = { ...request.headers };
	try {
		for (let hop = 0; ; hop++) {
			const response = await fetch(url, { method: request.method, headers, body: request.body, redirect: 'manual', signal });
			const location = response.headers.get('location');
			if (response.status >= 300 && response.status < 400 && location) {
				await response.body?.cancel();
				if (hop >= MAX_REDIRECTS) return fail('network', `too many redirects`);
				const next = new URL(location, url);
				// Credentials belong to the origin that asked for them (as browsers do).
				if (next.origin !== url.origin) headers = withoutAuthorization(headers);
				url = next;
				continue;
			}
			const declared = Number(response.headers.get('content-length') ?? 0);
			if (declared > MAX_BODY_BYTES) {
				await response.body?.cancel();
				return fail('malformed', `response of ${declared} bytes is too large for registry metadata`, response.status);
			}
			const body = Buffer.from(await response.arrayBuffer());
			if (body.length > MAX_BODY_BYTES) return fail('malformed', `response of ${body.length} bytes is too large for registry metadata`, response.status);
			return ok({ status: response.status, headers: response.headers, body, url });
		}
	} catch (error) {
		if (timeout.aborted) return fail('timeout', `timed out after ${policy.timeoutMs} ms`);
		if (policy.signal?.aborted) return fail('timeout', 'cancelled');
		return fail('network', describeNetworkError(error));
	}
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

/** undici wraps the system error in `cause`; its code says more than "fetch failed". */
function describeNetworkError(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
	switch (cause?.code) {
		case 'ECONNREFUSED': return 'connection refused';
		case 'ENOTFOUND': return 'host not found';
		case 'EAI_AGAIN': return 'DNS lookup failed';
		case 'ECONNRESET': return 'connection reset';
		case 'UND_ERR_SOCKET': return 'connection closed';
		default: return cause?.code ? `network error (${cause.code})` : `network error (${(error as Error)?.message ?? error})`;
	}
}

/** Backoff for the retry after `attempt`: Retry-After when the server names one, else jittered exponential backoff. */
export function retryDelay(response: { status: number; headers: Headers }, attempt: number, policy: HttpPolicy): number | undefined {
	const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
	if (response.status === 429 && retryAfter !== undefined) {
		return retryAfter > policy.maxRetryDelayMs ? undefined : retryAfter;
	}
	const ceiling = Math.min(policy.maxRetryDelayMs, policy.retryBaseMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * ceiling / 2);
}

/** `Retry-After` is delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
	return new Promise(resolve => {
		if (signal?.aborted) return resolve(false);
		const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, ms);
		const onAbort = () => { clearTimeout(timer); resolve(false); };
		signal?.addEventListener('abort', onAbort, { once: true });
	});
}
