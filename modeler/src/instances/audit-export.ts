// Client-side export of one instance's audit trail, as JSON (exactly what the API returned) and as CSV
// (with a BOM so spreadsheet software reads the Chinese text correctly).
import type { AuditEvent, ChainVerification } from '../api/types';

const CSV_COLUMNS = ['seq', 'at', 'actorId', 'actorName', 'role', 'orgUnitId', 'stepId', 'action', 'data', 'prevHash', 'hash'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(events: AuditEvent[]): string {
  const rows = events.map((e) => [
    e.seq, e.at, e.actor?.id, e.actor?.name, e.actor?.role, e.actor?.orgUnitId, e.stepId, e.action, e.data, e.prevHash, e.hash,
  ].map(csvCell).join(','));
  return `\uFEFF${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export function auditJson(instanceId: string, events: AuditEvent[], verification?: ChainVerification): string {
  return JSON.stringify({ instanceId, exportedAt: new Date().toISOString(), verification, events }, null, 2);
}

export function download(filename: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
