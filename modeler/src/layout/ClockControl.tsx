// The simulated clock (only in simulation mode): shows server time; admins can move it forward to watch
// reminders, supervision and escalation fire.
import { App, Button, Space, Tag, Tooltip } from 'antd';
import { FieldTimeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useClock } from '../api/clock';
import { useUser } from '../auth/AuthProvider';
import { hasRole } from '../auth/roles';
import { formatTime } from '../format/time';

const STEPS = [['hour', 'PT1H'], ['day', 'P1D'], ['week', 'P7D']] as const;

export function ClockControl() {
  const { t } = useTranslation();
  const user = useUser();
  const { data } = useClock();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const advance = useMutation({
    mutationFn: (duration: string) => api<{ now: string }>('/admin/clock/advance', { method: 'POST', body: { duration } }),
    onSuccess: async ({ now }) => {
      void message.success(t('clock.advanced', { now: formatTime(now) }));
      await queryClient.invalidateQueries();
    },
    onError: (e) => { void message.error((e as Error).message); },
  });
  if (!data?.simulation) return null;
  return (
    <Space size={4} className="clock-control" data-testid="clock-control">
      <Tooltip title={t('clock.simulation')}>
        <Tag icon={<FieldTimeOutlined />} color="purple">{t('clock.label')} {formatTime(data.now)}</Tag>
      </Tooltip>
      {hasRole(user, 'admin') && STEPS.map(([key, duration]) => (
        <Button key={key} size="small" loading={advance.isPending && advance.variables === duration} onClick={() => advance.mutate(duration)}>
          {t(`clock.${key}`)}
        </Button>
      ))}
    </Space>
  );
}
