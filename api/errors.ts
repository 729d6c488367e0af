// The error format of API.md: { error: { code, message, details } }, and the mapping of every failure a
// client can cause to a 4xx. Anything unexpected is logged and answered 500 without internals.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { ErrorType, HTTP_STATUS, type ErrorDetail } from '../domain/errors';
import { languageOf, type Language } from './i18n/language';
import { chineseDetailMessage, chineseErrorMessage, INTERNAL_ERROR_MESSAGE } from './i18n/error-messages';
import { chineseMessage } from './i18n/validation-messages';

export class ApiError extends Error {
  /** `headers` go out with the error answer (e.g. Retry-After on a 429). */
  constructor(readonly code: ErrorType, message: string, readonly details: ErrorDetail[] = [], readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new ApiError(ErrorType.Validation, message, details);
export const forbidden = (message: string) => new ApiError(ErrorType.Forbidden, message);
export const notFound = (message: string) => new ApiError(ErrorType.NotFound, message);
export const conflict = (message: string, details: ErrorDetail[] = []) => new ApiError(ErrorType.Conflict, message, details);
export const unavailable = (message: string) => new ApiError(ErrorType.Unavailable, message);

/** The zod issue behind a detail, kept off the JSON (a symbol key) so the answer can word it in the client's language. */
const ISSUE = Symbol('zod issue');
type IssueDetail = ErrorDetail & { [ISSUE]?: z.core.$ZodIssue };

/** One detail per issue, its path unchanged in every language; the message is worded when the answer is sent. */
export function zodDetails(error: z.ZodError, prefix: string[] = []): ErrorDetail[] {
  return error.issues.map((issue): IssueDetail => ({ path: [...prefix, ...issue.path.map(String)].join('.') || '(body)', message: issue.message, [ISSUE]: issue }));
}

/** A detail in the answer's language: zod's, our schemas' and the API's own messages in Chinese unless English is asked for. */
function localized(detail: IssueDetail, language: Language): ErrorDetail {
  if (language === 'en') return { path: detail.path, message: detail.message };
  const issue = detail[ISSUE];
  return { path: detail.path, message: issue ? chineseMessage(issue) : chineseDetailMessage(detail.message) };
}

/** Parses a value with a schema or throws a 400 naming each bad field under `prefix`. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, prefix: string[] = []): T {
  // The input on each issue lets the Chinese wording tell a missing field from a wrong one; it never leaves the server.
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw badRequest('invalid input', zodDetails(result.error, prefix));
  return result.data;
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no route ${req.method} ${req.path}`));
};

/** gRPC status codes by which Temporal says it (or the worker behind it) could not serve the call now. */
const UNAVAILABLE_GRPC_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */]);
const UNAVAILABLE_TEXT = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P01|57P03|08006|08001|Connection terminated|UNAVAILABLE|DEADLINE_EXCEEDED|PGlite is closed|too many clients|the database system is (starting up|shutting down)|Workflow Task in failed state/i;

/**
 * True when a dependency (database, Temporal, the worker behind Temporal) could not be reached or did not answer
 * in time, as opposed to a bug. That includes an Update refused while the workflow's last task is being retried
 * (its worker died holding it): FAILED_PRECONDITION, but over as soon as another worker picks the task up. The
 * client libraries wrap the cause (a ServiceError around a gRPC error, a DrizzleQueryError around a pg error), so
 * the whole cause chain is looked at.
 */
export function isUnavailable(error: unknown): boolean {
  return causeChain(error).some((e) => (typeof e.code === 'number' && UNAVAILABLE_GRPC_CODES.has(e.code))
    || e.name === 'WorkflowUpdateRPCTimeoutOrCancelledError'
    || UNAVAILABLE_TEXT.test(`${typeof e.code === 'string' ? e.code : ''} ${typeof e.message === 'string' ? e.message : ''}`));
}

/**
 * True for a PostgreSQL data exception (SQLSTATE class 22: a NUL character in text, a number out of its column's
 * range, an escape jsonb cannot hold): the value came from the request, so it is the client's 400, not a 500.
 */
export function isDataException(error: unknown): boolean {
  return causeChain(error).some((e) => typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code));
}

interface ChainLink { code?: unknown; message?: unknown; name?: unknown; details?: unknown; cause?: unknown }

/** An error and the causes it wraps, outermost first (at most 8: a cycle must not hang the error handler). */
function causeChain(error: unknown): ChainLink[] {
  const chain: ChainLink[] = [];
  for (let e = error as ChainLink | undefined; e && chain.length < 8; e = e.cause as ChainLink | undefined) chain.push(e);
  return chain;
}

export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let apiError: ApiError;
    if (error instanceof ApiError) {
      apiError = error;
    } else if (error?.type === 'entity.parse.failed' || error instanceof SyntaxError) {
      apiError = badRequest('malformed JSON body', [{ path: '(body)', message: 'not valid JSON' }]);
    } else if (error?.type === 'entity.too.large') {
      apiError = new ApiError(ErrorType.Validation, 'request body too large', [{ path: '(body)', message: 'exceeds the size limit' }]);
    } else if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) {
      apiError = badRequest(error.message ?? 'bad request');
    } else if (isDataException(error)) {
      apiError = badRequest('the request holds a value that cannot be stored or compared', [{ path: '(request)', message: 'a NUL character or a number out of range' }]);
    } else if (isUnavailable(error)) {
      apiError = unavailable('a dependency is unavailable; retry shortly');
    } else {
      log(`[api] unexpected error: ${error?.stack ?? error}${causesOf(error)}`);
      res.status(500).json({ error: { code: 'INTERNAL', message: INTERNAL_ERROR_MESSAGE[languageOf(req.get('accept-language'))], details: [] } });
      return;
    }
    const status = error?.type === 'entity.too.large' ? 413 : HTTP_STATUS[apiError.code];
    res.set(apiError.headers);
    const language = languageOf(req.get('accept-language'));
    const message = language === 'zh-CN' ? chineseErrorMessage(apiError.code, apiError.message) : apiError.message;
    res.status(status).json({ error: { code: apiError.code, message, details: apiError.details.map((d) => localized(d, language)) } });
  };
}

/** The wrapped causes of an error (gRPC code and message under a client's ServiceError), for the log. */
function causesOf(error: unknown): string {
  return causeChain(error).slice(1)
    .map((e) => `\n  caused by: ${String(e.code ?? '')} ${String(e.message ?? e)}${e.details ? ` (${String(e.details)})` : ''}`)
    .join('');
}
