// Contract of the notify-then-approve licensing process (告知承诺制): its step table
// (./steps/commitment-licensing.ts, what the workflow reads) with the actions' data schemas, and the input.
import { z } from 'zod';
import { creditCodeSchema, idNumberSchema } from '../identifiers';
import { noData, text, withSchemas, type ProcessContract } from '../process-contract';
import { LICENSING_KEY, LicensingEnd, LicensingService, LicensingStep, licensingSteps } from './steps/commitment-licensing';

export * from './steps/commitment-licensing';

export const licensingInputSchema = z.object({
  applicant: z.object({
    name: text(200),
    /** 统一社会信用代码, checked and stored normalised (GB 32100); the credit registry is keyed by it. */
    creditCode: creditCodeSchema,
    /** 居民身份证号码 of the natural person applying or signing (GB 11643). */
    idNumber: idNumberSchema.optional(),
  }).strict(),
  itemCode: text(64),
  route: z.enum(['commitment', 'normal']),
}).strict();
export type LicensingInput = z.infer<typeof licensingInputSchema>;

const missing = z.array(text(200)).min(1).max(50);
const method = z.enum(['written', 'online', 'onSite']);

export const licensingContract: ProcessContract<LicensingInput> = {
  key: LICENSING_KEY,
  name: '告知承诺制审批',
  description: '申请人在线申请并签署告知承诺书，窗口受理，当场审批发证，批管同步推送执法平台和信用库，事后核查；承诺不实责令整改，逾期未改撤销许可并记入失信。',
  idPrefix: 'CL',
  startRoles: ['applicant', 'window_clerk'],
  inputSchema: licensingInputSchema,
  otherElements: [
    'StartEvent_Apply', ...Object.values(LicensingService), ...Object.values(LicensingEnd),
    'Timer_CommitDeadline', 'Timer_ResubmitDeadline', 'Timer_AcceptDeadline', 'Timer_ApproveDeadline', 'Timer_FileMissingDeadline',
    'Timer_VerifyDeadline', 'Timer_RectifyDeadline', 'Boundary_ExtensionRequest',
  ],
  titleOf: (input) => `${input.applicant.name}：${input.itemCode}`.slice(0, 120),
  steps: withSchemas(licensingSteps, {
    [LicensingStep.Commit]: {
      sign: () => z.object({ noticeVersion: text(64) }).strict(),
      withdraw: () => noData,
    },
    [LicensingStep.Accept]: {
      accept: () => noData,
      acceptWithMissing: () => z.object({
        missing, deadline: z.string().datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
      }).strict(),
      requestSupplement: () => z.object({ missing }).strict(),
    },
    [LicensingStep.Resubmit]: { resubmit: () => z.object({ documents: z.array(text(500)).min(1).max(50) }).strict() },
    [LicensingStep.Approve]: {
      approve: () => noData,
      deny: () => z.object({ reason: text() }).strict(),
      requestExtension: () => z.object({ reason: text() }).strict(),
    },
    [LicensingStep.ApproveExtension]: {
      approve: () => noData,
      deny: () => z.object({ reason: text() }).strict(),
    },
    [LicensingStep.FileMissing]: { file: () => z.object({ documents: z.array(text(500)).min(1).max(50) }).strict() },
    [LicensingStep.Verify]: {
      match: () => z.object({ method }).strict(),
      mismatch: () => z.object({ method, findings: text() }).strict(),
    },
    [LicensingStep.Rectify]: {
      corrected: () => noData,
      notCorrected: () => noData,
    },
  }),
};
