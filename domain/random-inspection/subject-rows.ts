// One row of the subjects registry CSV (header `creditCode,name,address,gridCode,creditGrade`), checked field by
// field so an import can name every bad row and field at once (API.md registries). Credit codes are checked by
// their check character (domain/identifiers) and stored normalised.
import { creditCodeProblem, normaliseIdentifier } from '../identifiers';
import { CREDIT_GRADES, type CreditGrade } from './weights';

export const SUBJECT_CSV_HEADER = ['creditCode', 'name', 'address', 'gridCode', 'creditGrade'] as const;

export interface SubjectRow { creditCode: string; name: string; address: string; gridCode: string; creditGrade: CreditGrade }
export interface RowError { row: number; field: string; message: string }

const LIMITS = { name: 200, address: 500, gridCode: 64 } as const;

/** Why the header is not the registry's, or null. */
export function headerProblem(header: readonly string[]): string | null {
  const got = header.map((h) => h.trim().replace(/^\uFEFF/, ''));
  return got.join(',') === SUBJECT_CSV_HEADER.join(',') ? null : `the first line must be exactly ${SUBJECT_CSV_HEADER.join(',')}`;
}

/**
 * Checks one data row (`row` is its line number, the header being line 1). `gridExists` says whether a grid code
 * names a grid of the organisation.
 */
export function parseSubjectRow(cells: readonly string[], row: number, gridExists: (code: string) => boolean): { value?: SubjectRow; errors: RowError[] } {
  const errors: RowError[] = [];
  if (cells.length !== SUBJECT_CSV_HEADER.length) {
    return { errors: [{ row, field: '(row)', message: `expected ${SUBJECT_CSV_HEADER.length} fields, found ${cells.length}` }] };
  }
  const [rawCode, rawName, rawAddress, rawGrid, rawGrade] = cells.map((c) => c.trim());
  const creditCode = normaliseIdentifier(rawCode);
  const codeProblem = creditCodeProblem(creditCode);
  if (codeProblem) errors.push({ row, field: 'creditCode', message: codeProblem });
  const textField = (field: 'name' | 'address' | 'gridCode', value: string) => {
    if (value.length === 0) errors.push({ row, field, message: 'required' });
    else if (value.length > LIMITS[field]) errors.push({ row, field, message: `at most ${LIMITS[field]} characters` });
    else if (value.includes('\u0000')) errors.push({ row, field, message: 'must not contain NUL characters' });
  };
  textField('name', rawName);
  textField('address', rawAddress);
  textField('gridCode', rawGrid);
  if (rawGrid.length > 0 && rawGrid.length <= LIMITS.gridCode && !gridExists(rawGrid)) errors.push({ row, field: 'gridCode', message: `no grid with code ${rawGrid}` });
  const grade = rawGrade.toUpperCase();
  if (!(CREDIT_GRADES as readonly string[]).includes(grade)) errors.push({ row, field: 'creditGrade', message: `must be one of ${CREDIT_GRADES.join(', ')}` });
  if (errors.length > 0) return { errors };
  return { value: { creditCode, name: rawName, address: rawAddress, gridCode: rawGrid, creditGrade: grade as CreditGrade }, errors };
}
