// Art. 72 of the Administrative Penalty Law: a late payer owes 3 % of the fine for every day past the due date,
// never more than the fine itself. Whole fen, integer arithmetic only.
export function lateDays(dueAt: Date, paidAt: Date): number {
  const DAY = 86_400_000;
  return paidAt <= dueAt ? 0 : Math.ceil((paidAt.getTime() - dueAt.getTime()) / DAY);
}

export function surchargeFen(fineFen: number, days: number, percentPerDay: number): number {
  if (!Number.isSafeInteger(fineFen) || fineFen < 0 || days <= 0) return 0;
  return Math.min(fineFen, Math.floor((fineFen * percentPerDay * days) / 100));
}
