// The notify-then-approve licensing process (告知承诺制).
export { commitmentLicensing } from './workflow';
export type { LicensingArgs, LicensingOutcome, LicenceItemTerms, LicensingLimits } from './types';
