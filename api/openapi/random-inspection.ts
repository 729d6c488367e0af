// The double-random inspection's endpoints in the OpenAPI document (registries, the draw, public results, KPIs), with
// their answers as named schemas so the web app's types are generated (npm run gen:client).
import type { OpenAPIRegistry, ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { subjectsQuerySchema } from '../registries/router';
import { publicResultSchema, publicResultsQuerySchema } from '../registries/public-results';
import { randomInspectionKpiQuerySchema } from '../metrics/random-inspection';

const named = <T extends z.ZodType>(id: string, schema: T): T => schema.meta({ id }) as T;
const nullableNumber = z.number().nullable();

export const marketSubjectSchema = named('MarketSubject', z.object({
  creditCode: z.string(), name: z.string(), address: z.string(), gridCode: z.string(), creditGrade: z.enum(['A', 'B', 'C', 'D']),
}));
export const subjectsPageSchema = named('MarketSubjectsPage', z.object({ items: z.array(marketSubjectSchema), nextCursor: z.string().nullable() }));

export const drawRecordSchema = named('DrawRecord', z.object({
  seed: z.string().describe('64 hex digits'), algorithm: z.string(), registryHash: z.string().describe('SHA-256 of the registry snapshot'),
  drawnAt: z.string(),
  plan: z.object({
    sample: z.union([z.object({ count: z.number() }), z.object({ percent: z.number() })]), inspectorsPerSubject: z.number(),
    weighting: z.enum(['none', 'credit']), weights: z.record(z.string(), z.number()),
  }),
  registrySize: z.object({ subjects: z.number(), inspectors: z.number() }),
  subjects: z.array(z.object({ creditCode: z.string(), name: z.string() })),
  inspectors: z.record(z.string(), z.array(z.string())).describe('by credit code: the user ids who act now'),
  recusals: z.array(z.object({ creditCode: z.string(), userId: z.string(), reason: z.string(), replacement: z.string().nullable(), declared: z.boolean() })),
  inspectorNames: z.record(z.string(), z.string()).describe('user id → name, for every inspector named above'),
  tasks: z.array(z.object({ taskId: z.string(), creditCode: z.string(), status: z.string() })),
  verifyCommand: z.string(),
}));

export const publicResultsPageSchema = named('PublicInspectionResults', z.object({ items: z.array(named('PublicInspectionResult', publicResultSchema)), nextCursor: z.string().nullable() }));

const figures = {
  drawn: z.number(), inspected: z.number(), problems: z.number(), notFound: z.number(), published: z.number(),
  publicationDue: z.number(), publishedOnTime: z.number(),
  inspectedShare: nullableNumber, problemShare: nullableNumber, publishedOnTimeRate: nullableNumber,
  drawToInspectionDays: z.object({ median: nullableNumber, mean: nullableNumber, max: nullableNumber }),
};
export const randomInspectionKpisSchema = named('RandomInspectionKpis', z.object({
  from: z.string(), to: z.string(), plans: z.number(), ...figures,
  byPlan: z.array(z.object({ instanceId: z.string(), title: z.string(), drawnAt: z.string(), ...figures })),
}));

type Ok = (description: string, schema?: z.ZodType) => Record<string, ResponseConfig>;

export function registerRandomInspectionPaths(registry: OpenAPIRegistry, ok: Ok): void {
  registry.registerPath({ method: 'get', path: '/api/registries/subjects', summary: 'The subjects registry (检查对象名录库), keyset-paged by credit code; q searches by name or credit-code prefix (officials)', request: { query: subjectsQuerySchema }, responses: ok('{ items, nextCursor }', subjectsPageSchema) });
  registry.registerPath({
    method: 'post', path: '/api/registries/subjects/import', summary: 'Import market subjects from CSV (admin; header creditCode,name,address,gridCode,creditGrade); all or nothing; ?dryRun=true checks only',
    request: { query: z.object({ dryRun: z.enum(['true', 'false']).optional() }), body: { content: { 'text/csv': { schema: z.string() } } } },
    responses: ok('{ dryRun, created, updated, errors: [{ row, field, message }], errorCount }'),
  });
  registry.registerPath({ method: 'get', path: '/api/instances/{id}/draw', summary: 'A plan\'s recorded draw: seed, algorithm, registry hash, subjects, inspectors, recusals and the command that re-runs it (officials)', request: { params: z.object({ id: z.string() }) }, responses: ok('the draw', drawRecordSchema) });
  registry.registerPath({ method: 'get', path: '/api/public/inspection-results', summary: 'Published results of random inspections (一公开), no sign-in; never an inspector', security: [], request: { query: publicResultsQuerySchema }, responses: ok('{ items, nextCursor }', publicResultsPageSchema) });
  registry.registerPath({ method: 'get', path: '/api/metrics/random-inspection', summary: 'Double-random KPIs over the plans drawn in a period: draw-to-inspection days, share inspected, share of problems, published on time (leaders, auditors, admins, agency heads, platform operators)', request: { query: randomInspectionKpiQuerySchema }, responses: ok('the KPIs', randomInspectionKpisSchema) });
}
