// The benchmarks' HTTP client for Shanzhi's API: JSON in and out, a bearer token, and a throw on anything but 2xx
// (a benchmark counts only requests that succeeded).
export type JsonCall = (path: string, token: string | null, body?: unknown, headers?: Record<string, string>) => Promise<Record<string, unknown>>;

/** An answer other than 2xx, with its status, so a client can tell a 503 (retry) from a failure. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

/** A benchmark's HTTP client for the API at `base`: GET without a body, POST with one; anything but 2xx throws. */
export function jsonCaller(base: string): JsonCall {
  return async (path, token, body, headers = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new HttpError(res.status, `${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
}
