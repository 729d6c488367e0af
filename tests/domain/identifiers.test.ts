// The shared identifier checks: unified social credit codes (GB 32100-2015) and resident ID numbers (GB 11643-1999).
// Every valid example's check character is worked out by hand below, from the standards, not taken from the code.
import {
  creditCodeProblem, creditCodeSchema, idNumberProblem, idNumberSchema, IDENTIFIER_MESSAGES, isCreditCode, isIdNumber, normaliseIdentifier,
} from '../../domain/identifiers';

/*
 * GB 32100: values 0–9 = 0–9, A=10 B=11 C=12 D=13 E=14 F=15 G=16 H=17 J=18 K=19 L=20 M=21 N=22 P=23 Q=24 R=25
 * T=26 U=27 W=28 X=29 Y=30; weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; check = 31 − (Σ mod 31), 31 → 0.
 *
 * 91350100M000100Y4_ (the example usually cited for the standard):
 *   9·1 + 1·3 + 3·9 + 5·27 + 0·19 + 1·26 + 0·16 + 0·17 + M21·20 + 0·29 + 0·25 + 0·13 + 1·8 + 0·24 + 0·10 + Y30·30 + 4·28
 *   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28 (31·52 = 1612); 31 − 28 = 3 → "3".
 * 91110108551385082_ (小米科技有限责任公司):
 *   9 + 3 + 9 + 27 + 0 + 26 + 0 + 8·17 + 5·20 + 5·29 + 1·25 + 3·13 + 8·8 + 5·24 + 0 + 8·30 + 2·28
 *   = 9 + 3 + 9 + 27 + 26 + 136 + 100 + 145 + 25 + 39 + 64 + 120 + 240 + 56 = 999; 999 mod 31 = 7; 31 − 7 = 24 → "Q".
 * 91110000MA0000024_ (the 31 → 0 case):
 *   9 + 3 + 9 + 27 + M21·20 + A10·29 + 2·30 + 4·28 = 9 + 3 + 9 + 27 + 420 + 290 + 60 + 112 = 930 = 31·30;
 *   mod 31 = 0; 31 − 0 = 31 → written "0".
 */
const CREDIT_CITED = '91350100M000100Y43';
const CREDIT_LETTER = '91110108551385082Q';
const CREDIT_ZERO = '91110000MA00000240';

/*
 * GB 11643: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; check = "10X98765432"[Σ mod 11].
 * 11010519491231002_ (the standard's example, born 1949-12-31):
 *   1·7 + 1·9 + 0 + 1·5 + 0 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7 + 2·9 + 3·10 + 1·5 + 0 + 0 + 2·2
 *   = 7 + 9 + 5 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 4 = 167; 167 mod 11 = 2 → "X".
 * 44052418800101001_ (born 1880-01-01):
 *   4·7 + 4·9 + 0 + 5·5 + 2·8 + 4·4 + 1·2 + 8·1 + 8·6 + 0 + 0 + 1·9 + 0 + 1·5 + 0 + 0 + 1·2
 *   = 28 + 36 + 25 + 16 + 16 + 2 + 8 + 48 + 9 + 5 + 2 = 195; 195 mod 11 = 8 → "4".
 * 11010520000229002_ (born on a leap day, 2000-02-29):
 *   7 + 9 + 5 + 5·4 + 2·2 + 2·9 + 2·10 + 9·5 + 2·2 = 7 + 9 + 5 + 20 + 4 + 18 + 20 + 45 + 4 = 132; mod 11 = 0 → "1".
 * 11010519490229002_ (1949-02-29, a day that never was):
 *   7 + 9 + 5 + 20 + 2 + 9 + 24 + 27 + 0 + 2·9 + 2·10 + 9·5 + 2·2 = 190; mod 11 = 3 → "9": the check digit is right,
 *   only the birth date is wrong.
 */
const ID_STANDARD = '11010519491231002X';
const ID_1880 = '440524188001010014';
const ID_LEAP_DAY = '110105200002290021';
const ID_NO_SUCH_DAY = '110105194902290029';

describe('unified social credit code (GB 32100-2015)', () => {
  test.each([CREDIT_CITED, CREDIT_LETTER, CREDIT_ZERO])('accepts %s, whose check character is worked out by hand', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  test('refuses each valid code with its check character changed, naming the check character', () => {
    for (const [code, wrong] of [[CREDIT_CITED, '4'], [CREDIT_LETTER, 'P'], [CREDIT_ZERO, 'Y']]) {
      expect(creditCodeProblem(code.slice(0, 17) + wrong)).toBe(IDENTIFIER_MESSAGES.creditCheck);
    }
  });

  test('refuses two swapped neighbours, the commonest typing slip', () => {
    expect(creditCodeProblem('91350100M000010Y43')).toBe(IDENTIFIER_MESSAGES.creditCheck);
  });

  test('refuses the wrong shape: length, letters outside the charset, a letter in the division code', () => {
    expect(creditCodeProblem(CREDIT_CITED.slice(0, 17))).toBe(IDENTIFIER_MESSAGES.creditShape);
    expect(creditCodeProblem('91350100I000100Y43')).toBe(IDENTIFIER_MESSAGES.creditShape);
    expect(creditCodeProblem('9135010OM000100Y43')).toBe(IDENTIFIER_MESSAGES.creditShape);
    expect(creditCodeProblem('913501A0M000100Y43')).toBe(IDENTIFIER_MESSAGES.creditShape);
  });

  test('what a clerk types is normalised first: spaces, lower case and full-width characters', () => {
    expect(normaliseIdentifier(' 9135 0100\tm000 100y43 ')).toBe(CREDIT_CITED);
    expect(normaliseIdentifier('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(CREDIT_CITED);
    expect(isCreditCode('9135 0100 m000 100y43')).toBe(true);
  });

  test('the schema yields the normalised code, and names the problem for a mistyped one', () => {
    expect(creditCodeSchema.parse('91110108551385082q')).toBe(CREDIT_LETTER);
    const mistyped = creditCodeSchema.safeParse('91110108551385082R');
    expect(mistyped.success).toBe(false);
    expect(mistyped.error?.issues.map((i) => i.message)).toEqual([IDENTIFIER_MESSAGES.creditCheck]);
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  test.each([ID_STANDARD, ID_1880, ID_LEAP_DAY])('accepts %s, whose check digit is worked out by hand', (id) => {
    expect(idNumberProblem(id)).toBeNull();
  });

  test('refuses a wrong check digit, and a lower-case x only until it is normalised', () => {
    expect(idNumberProblem('110105194912310021')).toBe(IDENTIFIER_MESSAGES.idCheck);
    expect(idNumberProblem('11010519491231002x')).toBe(IDENTIFIER_MESSAGES.idShape);
    expect(isIdNumber(' 110105 19491231 002x ')).toBe(true);
  });

  test('refuses a birth date that does not exist or has not happened yet, even with a matching check digit', () => {
    expect(idNumberProblem(ID_NO_SUCH_DAY)).toBe(IDENTIFIER_MESSAGES.idBirthDate);
    // Born 2000-02-29 is fine today, not on 2000-02-28.
    expect(idNumberProblem(ID_LEAP_DAY, new Date('2000-02-28T00:00:00Z'))).toBe(IDENTIFIER_MESSAGES.idBirthDate);
  });

  test('the schema yields the normalised number and names the problem', () => {
    expect(idNumberSchema.parse('11010519491231002x')).toBe(ID_STANDARD);
    expect(idNumberSchema.safeParse('1101051949123100').error?.issues.map((i) => i.message)).toEqual([IDENTIFIER_MESSAGES.idShape]);
  });
});
