// The one HTTP client of the app: JSON in and out, the bearer token from the session, and the API's error
// envelope turned into an ApiError that forms can map onto fields.
import { readSession } from '../auth/session-storage';
import { storedLanguage } from '../i18n';

export interface ErrorDetail { path: string; message: string }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: ErrorDetail[] = []) {
    super(message);
  }
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => undefined;

/** The session registers here so an expired token anywhere sends the user to the login page. */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

/**
 * A fresh Idempotency-Key. crypto.getRandomValues works on plain-HTTP intranets too, where randomUUID (secure
 * contexts only) does not exist.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per distinct request: the same request sent again (after a 503 or a lost answer) reuses its key, so the
 * server answers it once; a changed request gets a new key.
 */
export function idempotencyKeys(): { keyFor(request: unknown): string; clear(): void } {
  const keys = new Map<string, string>();
  return {
    keyFor(request) {
      const text = JSON.stringify(request);
      let key = keys.get(text);
      if (!key) keys.set(text, (key = newIdempotencyKey()));
      return key;
    },
    clear: () => keys.clear(),
  };
}

/**
 * `token`: a bearer token not yet in the session (the one single sign-on hands over); `text`: a body sent as it is,
 * with its content type (a CSV file), instead of JSON.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; text?: { content: string; type: string }; signal?: AbortSignal; idempotencyKey?: string; token?: string } = {}): Promise<T> {
  // Validation messages come back in the language the user reads the app in.
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': storedLanguage() };
  if (init.idempotencyKey) headers['idempotency-key'] = init.idempotencyKey;
  const token = init.token ?? readSession()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.text) headers['content-type'] = init.text.type;
  const res = await fetch(`/api${path}`, {
    method: init.method ?? 'GET', headers, signal: init.signal,
    body: init.text ? init.text.content : init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const json = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    if (res.status === 401 && token) onUnauthenticated();
    throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? res.statusText, error?.details ?? []);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const isNotFound = (error: unknown) => error instanceof ApiError && error.status === 404;

/** The server has no such route at all (an endpoint not deployed yet), as opposed to an unknown id. */
export const isMissingRoute = (error: unknown) => isNotFound(error) && (error as ApiError).message.startsWith('no route');

/** Builds a query string from the defined, non-empty values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
