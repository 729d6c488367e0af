// The demo subjects registry: a few hundred rows the subjects import would accept (credit codes valid by their check
// character, names and grids the organisation has), each code once, spread over every demo grid.
import { demoCreditCode, demoSubjects } from '../../db/demo-subjects';
import { DEMO_ORG_UNITS } from '../../db/demo-org';
import { parseSubjectRow, SUBJECT_CSV_HEADER } from '../../domain/random-inspection/subject-rows';

const gridCodes = new Set(DEMO_ORG_UNITS.filter((u) => u.kind === 'grid').map((u) => u.code));

test('the demo registry holds a few hundred subjects the import accepts, each grid about as many', () => {
  const rows = demoSubjects();
  expect(rows.length).toBeGreaterThanOrEqual(200);
  expect(new Set(rows.map((r) => r.creditCode)).size).toBe(rows.length);
  for (const [i, r] of rows.entries()) {
    const parsed = parseSubjectRow(SUBJECT_CSV_HEADER.map((f) => r[f]), i + 2, (code) => gridCodes.has(code));
    expect(parsed.errors).toEqual([]);
  }
  const perGrid = [...gridCodes].map((g) => rows.filter((r) => r.gridCode === g).length);
  expect(perGrid).toHaveLength(8);
  expect(Math.min(...perGrid)).toBe(Math.max(...perGrid));
  expect(new Set(rows.map((r) => r.creditGrade))).toEqual(new Set(['A', 'B', 'C', 'D']));
});

test('a demo credit code carries its GB 32100-2015 check character', () => {
  // 91420106MA0000001: values 9,1,4,2,0,1,0,6,21(M),10(A),0,0,0,0,0,0,1 weighted by 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
  // = 9+3+36+54+0+26+0+102+420+290+0+0+0+0+0+0+28 = 968; 968 mod 31 = 7 (31 × 31 = 961); 31 − 7 = 24, which is Q
  // (0–9, then A–H = 10–17, J–N = 18–22, P = 23, Q = 24).
  expect(demoCreditCode(1)).toBe('91420106MA0000001Q');
});
