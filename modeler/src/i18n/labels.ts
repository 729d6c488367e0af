// Display names of domain keys (steps, actions, roles, statuses, fields), falling back to the server's own
// label or the key itself, so a new step or action never renders blank.
import { useTranslation } from 'react-i18next';

export function useLabels() {
  const { t, i18n } = useTranslation();
  const lookup = (group: string, key: string | null | undefined, fallback?: string) => {
    if (!key) return fallback ?? '—';
    const id = `${group}.${key}`;
    return i18n.exists(id) ? t(id) : fallback ?? key;
  };
  return {
    step: (id: string | null | undefined, fallback?: string) => lookup('step', id, fallback),
    action: (action: string, fallback?: string) => lookup('action', action, fallback),
    /** An action offered on a form: in Chinese the process contract's own wording, which may be step-specific. */
    formAction: (action: string, serverLabel: string) => (i18n.language === 'en' ? lookup('action', action, serverLabel) : serverLabel),
    role: (role: string | null | undefined) => lookup('role', role),
    status: (status: string) => lookup('status', status),
    field: (name: string) => lookup('field', name),
    enumValue: (value: string) => lookup('enum', value),
    unit: (unit: string) => lookup('unit', unit),
  };
}

export const STATUS_COLORS: Record<string, string> = {
  running: 'processing', closed: 'success', rejected: 'default', revoked: 'error', cancelled: 'default',
  open: 'processing', completed: 'success', timedOut: 'error',
};
