// Contract of the inspection–penalty separation process (查处分离): the street inspects, the district department
// penalises, under the Administrative Penalty Law (行政处罚法 2021) steps and deadlines.
import { z } from 'zod';
import { creditCodeSchema, idNumberSchema } from '../identifiers';
import { noData, text, withSchemas, type ProcessContract } from '../process-contract';
import { PENALTY_KEY, PENALTY_KINDS, PenaltyStep, penaltySteps } from './steps/inspection-penalty';

export * from './steps/inspection-penalty';

const fen = z.number().int().min(0).max(100_000_000_000);
export const penaltySchema = z.object({
  kind: z.enum(PENALTY_KINDS),
  amountFen: fen.optional(),
}).strict().refine((p) => (p.kind === 'fine' || p.kind === 'confiscation') === (p.amountFen !== undefined && p.amountFen > 0), {
  path: ['amountFen'], message: 'a fine or confiscation needs a positive amount in fen; other kinds none',
});
export type Penalty = z.infer<typeof penaltySchema>;

const isoDate = z.string().date('must be a date (YYYY-MM-DD)');

/** The offence's dates (art. 36): a continuing offence counts from the day it ended. */
export const offenceSchema = z.object({
  date: isoDate,
  continuing: z.boolean().optional(),
  endDate: isoDate.optional(),
  harmfulConsequences: z.boolean().optional(),
}).strict()
  .refine((o) => o.endDate === undefined || o.continuing === true, { path: ['endDate'], message: 'only a continuing offence has an end date' })
  .refine((o) => o.endDate === undefined || o.endDate >= o.date, { path: ['endDate'], message: 'a continuing offence ends on or after the day it began' });

const collectiveDiscussionSchema = z.object({
  date: isoDate,
  participants: z.array(text(100)).min(2).max(50).refine((p) => new Set(p).size === p.length, { message: 'each participant once' }),
  conclusion: text(5000),
}).strict();

export const penaltyInputSchema = z.object({
  subject: z.object({
    name: text(200),
    creditCode: creditCodeSchema.optional(),
    idNumber: idNumberSchema.optional(),
    address: text(500),
    kind: z.enum(['individual', 'organisation']).optional(),
  }).strict(),
  matter: text(64),
  inspectors: z.tuple([text(64), text(64)]).refine(([a, b]) => a !== b, { message: 'two distinct inspectors are required (art. 42)' }),
  origin: z.enum(['patrol', 'gridEvent', 'whistle', 'randomInspection', 'complaint']),
  /** The case it came from (a random-inspection plan), so each links to the other. */
  originInstanceId: text(64).optional(),
  /** What the inspectors noted of the offence's dates; the registration records them for good (art. 36). */
  offence: offenceSchema.optional(),
}).strict();
export type PenaltyInput = z.infer<typeof penaltyInputSchema>;

export const penaltyContract: ProcessContract<PenaltyInput> = {
  key: PENALTY_KEY,
  name: '查处分离',
  description: '街道综合执法队检查、责令整改或当场处罚，需处罚的移送区级平台；区级部门立案、调查、法制审核、告知、听证、决定、送达、执行，结果反馈街道复查结案。',
  idPrefix: 'IP',
  startRoles: ['enforcement_officer'],
  inputSchema: penaltyInputSchema,
  otherElements: ['StartEvent_Inspection', 'EndEvent_Compliant', 'EndEvent_Rectified', 'EndEvent_SimplePenalty', 'EndEvent_Closed', 'EndEvent_Referred'],
  titleOf: (input) => `${input.subject.name}（${input.matter}）`.slice(0, 120),
  steps: withSchemas(penaltySteps, {
    [PenaltyStep.Inspect]: {
      compliant: () => z.object({ note: text().optional() }).strict(),
      orderRectification: () => z.object({ deadline: isoDate, requirement: text() }).strict(),
      simplePenalty: () => z.object({
        kind: z.enum(['warning', 'fine']), amountFen: fen.optional(), basis: text(),
      }).strict().refine((p) => (p.kind === 'fine') === (p.amountFen !== undefined && p.amountFen > 0), { path: ['amountFen'], message: 'a fine needs a positive amount in fen; a warning none' }),
      transfer: () => z.object({ matterCode: text(64), evidence: z.array(text(500)).min(1).max(100) }).strict(),
    },
    [PenaltyStep.Recheck]: { fixed: () => noData, notFixed: () => noData },
    [PenaltyStep.Route]: { route: () => z.object({ departmentId: text(64) }).strict() },
    [PenaltyStep.Register]: {
      register: () => z.object({ caseOfficers: z.tuple([text(64), text(64)]), offence: offenceSchema }).strict()
        .refine((d) => d.caseOfficers[0] !== d.caseOfficers[1], { path: ['caseOfficers'], message: 'two distinct case officers are required (art. 42)' }),
      returnCase: () => z.object({ reason: text() }).strict(),
    },
    [PenaltyStep.Investigate]: {
      conclude: () => z.object({
        finding: z.enum(['penalize', 'noPenalty', 'refer']), proposedPenalty: penaltySchema.optional(), reason: text().optional(),
      }).strict().refine((d) => (d.finding === 'penalize') === (d.proposedPenalty !== undefined), { path: ['proposedPenalty'], message: 'a penalty is proposed exactly when the finding is penalize' }),
      requestPreservation: () => z.object({ items: z.array(text(500)).min(1), reason: text() }).strict(),
      decidePreserved: () => z.object({ decision: text() }).strict(),
      suspendClock: () => z.object({ reason: z.enum(['testing', 'appraisal']), note: text() }).strict(),
      resumeClock: () => z.object({ note: text().optional() }).strict(),
    },
    [PenaltyStep.PreservationApproval]: { approve: () => noData, deny: () => z.object({ reason: text() }).strict() },
    [PenaltyStep.LegalReview]: { pass: () => noData, reject: () => z.object({ reason: text() }).strict() },
    [PenaltyStep.Notify]: { notify: () => z.object({ proposedPenalty: penaltySchema, hearingEligible: z.boolean() }).strict() },
    [PenaltyStep.Defence]: {
      statement: () => z.object({ text: text(10000) }).strict(),
      requestHearing: () => noData,
      waive: () => noData,
    },
    [PenaltyStep.Hearing]: { hold: () => z.object({ record: text(20000) }).strict() },
    [PenaltyStep.StatementReview]: {
      review: () => z.object({ adopted: z.enum(['adopted', 'partlyAdopted', 'notAdopted']), reasons: text(10000) }).strict(),
    },
    [PenaltyStep.Decide]: {
      decide: () => z.object({
        penalty: penaltySchema, publish: z.boolean().optional(), collectiveDiscussion: collectiveDiscussionSchema.optional(),
      }).strict(),
      noPenalty: () => z.object({ reason: text() }).strict(),
      renotify: () => z.object({ proposedPenalty: penaltySchema, reason: text() }).strict(),
    },
    [PenaltyStep.Serve]: { served: () => z.object({ method: z.enum(['inPerson', 'post', 'electronic', 'publicNotice']) }).strict() },
    [PenaltyStep.Enforce]: { paid: () => z.object({ amountFen: fen }).strict(), courtEnforcement: () => noData },
    [PenaltyStep.StreetRecheck]: { fixed: () => noData, notFixed: () => noData },
  }),
};
