// One error-type enum shared by workflow validators, activities and the API, which maps each to an HTTP status.
export const ErrorType = {
  Validation: 'VALIDATION',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  SeparationOfDuties: 'SEPARATION_OF_DUTIES',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unprocessable: 'UNPROCESSABLE',
  RateLimited: 'RATE_LIMITED',
  Unavailable: 'UNAVAILABLE',
  /** The account must change its password (first sign-in, created or reset by an administrator) before anything else. */
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  /** The account has a second factor and the sign-in lacked a right code. */
  TotpRequired: 'TOTP_REQUIRED',
  /** An administrator in production must enrol a second factor before anything else. */
  TotpEnrolmentRequired: 'TOTP_ENROLMENT_REQUIRED',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

export const HTTP_STATUS: Record<ErrorType, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SEPARATION_OF_DUTIES: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_REQUIRED: 401,
  TOTP_ENROLMENT_REQUIRED: 403,
};

export interface ErrorDetail {
  path: string;
  message: string;
}
