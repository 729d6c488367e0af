// The two national identifiers the processes take — 统一社会信用代码 (GB 32100-2015) and 居民身份证号码
// (GB 11643-1999) — checked by their check character, not only by shape (DOMAIN §6.11). One module for the
// schemas, the API, the credit registry and the web forms, so a code accepted in one place is accepted in all.
import { z } from 'zod';

/**
 * What people type is brought to one spelling before it is checked or stored: full-width characters (typed with a
 * Chinese input method) become ASCII (NFKC), spaces anywhere go, letters are upper-cased. A lookup in the credit
 * registry with "9135 0100 m000 100y43" must find the entries recorded for 91350100M000100Y43.
 */
export function normaliseIdentifier(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

/** GB 32100-2015 §4: the 31 characters of the code (no I, O, S, V, Z), in the order of their values 0–30. */
const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Registration authority, organisation category, a 6-digit administrative division, 9 characters of subject code, the check character. */
const CREDIT_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character of the first 17 characters of a credit code: 31 − (Σ value × weight mod 31), 31 written 0. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(first17[i]) * CREDIT_WEIGHTS[i];
  return CREDIT_CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** 6-digit address code, 8-digit birth date, 3-digit sequence, the check character. */
const ID_SHAPE = /^\d{17}[\dX]$/;

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True when YYYYMMDD is a day that exists, not before 1800 (the standard's own example is born in 1880) and not after `today`. */
function isBirthDate(yyyymmdd: string, today: Date): boolean {
  const [y, m, d] = [Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)), Number(yyyymmdd.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return date.getTime() <= today.getTime();
}

export const IDENTIFIER_MESSAGES = {
  creditShape: 'must be an 18-character unified social credit code (digits and capital letters except I, O, S, V, Z; characters 3–8 digits)',
  creditCheck: 'the check character (18th) of this unified social credit code does not match: the code is mistyped',
  idShape: 'must be an 18-character resident ID number (17 digits and a digit or X)',
  idBirthDate: 'characters 7–14 of this resident ID number are not a possible birth date',
  idCheck: 'the check digit (18th) of this resident ID number does not match: the number is mistyped',
} as const;

/** Why a normalised credit code is not valid, or null when it is. */
export function creditCodeProblem(code: string): string | null {
  if (!CREDIT_SHAPE.test(code)) return IDENTIFIER_MESSAGES.creditShape;
  if (creditCodeCheckChar(code) !== code[17]) return IDENTIFIER_MESSAGES.creditCheck;
  return null;
}

/** Why a normalised resident ID number is not valid, or null when it is. */
export function idNumberProblem(id: string, today: Date = new Date()): string | null {
  if (!ID_SHAPE.test(id)) return IDENTIFIER_MESSAGES.idShape;
  if (!isBirthDate(id.slice(6, 14), today)) return IDENTIFIER_MESSAGES.idBirthDate;
  if (idNumberCheckChar(id) !== id[17]) return IDENTIFIER_MESSAGES.idCheck;
  return null;
}

export const isCreditCode = (raw: string): boolean => creditCodeProblem(normaliseIdentifier(raw)) === null;
export const isIdNumber = (raw: string): boolean => idNumberProblem(normaliseIdentifier(raw)) === null;

/** JSON Schema `format` names, so a form generated from an action's schema can run the same check. */
export const IDENTIFIER_FORMATS = { creditCode: 'cn-unified-social-credit-code', idNumber: 'cn-resident-id-number' } as const;

/**
 * A zod schema for an identifier: accepts what people type (up to 64 characters), yields the normalised code, and
 * names the one thing that is wrong. `io: 'input'` JSON Schema shows a string with the format above.
 */
function identifierSchema(problem: (code: string) => string | null, format: string) {
  return z.string().max(64, 'is too long for an identifier').meta({ format })
    .transform((raw, ctx) => {
      const code = normaliseIdentifier(raw);
      const message = problem(code);
      if (message) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return code;
    });
}

// Pure: the web app imports the checks above from this module and must not carry zod in its bundle for them.
export const creditCodeSchema = /* @__PURE__ */ identifierSchema(creditCodeProblem, IDENTIFIER_FORMATS.creditCode);
export const idNumberSchema = /* @__PURE__ */ identifierSchema((id) => idNumberProblem(id), IDENTIFIER_FORMATS.idNumber);
