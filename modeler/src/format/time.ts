// Times as clerks read them: Asia/Shanghai wall-clock, and how long is left (or overdue) against the server's
// clock — which in simulation mode runs ahead of the browser's.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { TFunction } from 'i18next';

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';
export const NEAR_DUE_MS = 2 * 3600_000;

export function formatTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  return dayjs(iso).tz(ZONE).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD') : '—';
}

export type Urgency = 'overdue' | 'nearDue' | 'normal';

export function urgencyOf(dueAt: string, nowMs: number, overdueFlag?: boolean): Urgency {
  const left = Date.parse(dueAt) - nowMs;
  if (overdueFlag || left < 0) return 'overdue';
  return left <= NEAR_DUE_MS ? 'nearDue' : 'normal';
}

/** "还剩 3 小时" / "已超期 2 天": the largest whole unit, at least one minute. */
export function relativeDue(dueAt: string, nowMs: number, t: TFunction): string {
  const diff = Date.parse(dueAt) - nowMs;
  const abs = Math.abs(diff);
  const text = abs >= 86_400_000 ? t('due.days', { count: Math.floor(abs / 86_400_000) })
    : abs >= 3_600_000 ? t('due.hours', { count: Math.floor(abs / 3_600_000) })
      : t('due.minutes', { count: Math.max(1, Math.floor(abs / 60_000)) });
  return diff >= 0 ? t('due.left', { text }) : t('due.over', { text });
}
