// The subjects a licensing application is made for: a unified social credit code (统一社会信用代码) and, for a natural
// person, a resident ID number (居民身份证号码). Codes are compared normalised, whatever the clerk or the form typed.
// Shapes only: the check characters are domain/identifiers' concern.

/** Trimmed, without spaces or dashes, upper case: ' 91330106ma2h 00001e ' and '91330106MA2H00001E' are one code. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s\u3000-]+/g, '').toUpperCase();
}

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
export const ID_NUMBER_PATTERN = /^\d{17}[\dX]$/;

/**
 * True when the value has the shape of a resident ID number: 6-digit area, a birth date in 1900–2099, sequence and
 * check. A natural person without a business licence applies under their ID number in the credit-code field.
 */
export function looksLikeIdNumber(value: string): boolean {
  return /^\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(value);
}

/** 110105********002X: the area and the check digits stay, the birth date and sequence go. */
export function maskIdNumber(value: string): string {
  return value.length < 10 ? '*'.repeat(value.length) : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
