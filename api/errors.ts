// The error format of API.md: { error: { code, message, details } }, and the mapping of every failure a
// client can cause to a 4xx. Anything unexpected is logged and answered 500 without internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { ErrorType, HTTP_STATUS, type ErrorDetail } from '../domain/errors';

export class ApiError extends Error {
  constructor(readonly code: ErrorType, message: string, readonly details: ErrorDetail[] = []) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new ApiError(ErrorType.Validation, message, details);
export const forbidden = (message: string) => new ApiError(ErrorType.Forbidden, message);
export const notFound = (message: string) => new ApiError(ErrorType.NotFound, message);
export const conflict = (message: string) => new ApiError(ErrorType.Conflict, message);
export const unavailable = (message: string) => new ApiError(ErrorType.Unavailable, message);

export function zodDetails(error: z.ZodError, prefix: string[] = []): ErrorDetail[] {
  return error.issues.map((issue) => ({ path: [...prefix, ...issue.path.map(String)].join('.') || '(body)', message: issue.message }));
}

/** Parses a value with a schema or throws a 400 naming each bad field under `prefix`. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, prefix: string[] = []): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest('invalid input', zodDetails(result.error, prefix));
  return result.data;
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no route ${req.method} ${req.path}`));
};

/** True when a dependency (database, Temporal) could not be reached, as opposed to a bug. */
export function isUnavailable(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ''} ${(error as Error)?.message ?? ''}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P03|08006|08001|Connection terminated|UNAVAILABLE|DEADLINE_EXCEEDED|PGlite is closed|too many clients/i.test(text);
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    let apiError: ApiError;
    if (error instanceof ApiError) {
      apiError = error;
    } else if (error?.type === 'entity.parse.failed' || error instanceof SyntaxError) {
      apiError = badRequest('malformed JSON body', [{ path: '(body)', message: 'not valid JSON' }]);
    } else if (error?.type === 'entity.too.large') {
      apiError = new ApiError(ErrorType.Validation, 'request body too large', [{ path: '(body)', message: 'exceeds the size limit' }]);
    } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      apiError = badRequest(error.message ?? 'bad request');
    } else if (isUnavailable(error)) {
      apiError = unavailable('a dependency is unavailable; retry shortly');
    } else {
      log(`[api] unexpected error: ${error?.stack ?? error}`);
      res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error', details: [] } });
      return;
    }
    const status = error?.type === 'entity.too.large' ? 413 : HTTP_STATUS[apiError.code];
    res.status(status).json({ error: { code: apiError.code, message: apiError.message, details: apiError.details } });
  };
}
