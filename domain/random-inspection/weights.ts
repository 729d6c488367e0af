// Credit grades of market subjects and the draw weights a plan may use by them, apart from the draw itself so that
// workflow code can name them without loading the draw's hashing.
export const CREDIT_GRADES = ['A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];
/** Weights by credit grade when a plan asks for credit weighting: the worse the credit, the likelier the inspection. */
export type CreditWeights = Record<CreditGrade, number>;
/** The default table; a `credit-weights` catalog entry may replace it. 国发〔2019〕5号: 对信用风险高的市场主体提高抽查比例. */
export const DEFAULT_CREDIT_WEIGHTS: CreditWeights = { A: 1, B: 2, C: 4, D: 8 };
