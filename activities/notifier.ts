// The edge of the world for reminders: SMS gateways and app push live behind this interface.
// The log adapter is the embedded default; a gateway adapter posts the same message to an HTTP endpoint.
export interface Reminder {
  taskId: string;
  instanceId: string;
  stepId: string;
  role: string;
  orgUnitId: string;
  assigneeId: string | null;
  dueAt: string;
  text: string;
}

export interface Notifier {
  remind(reminder: Reminder): Promise<void>;
}

export class LogNotifier implements Notifier {
  readonly sent: Reminder[] = [];
  constructor(private readonly log: (line: string) => void = () => undefined) {}
  async remind(reminder: Reminder): Promise<void> {
    this.sent.push(reminder);
    this.log(`[催办] ${reminder.text}`);
  }
}

/** Posts reminders to an SMS/push gateway's HTTP endpoint (configured by SHANZHI_NOTIFY_URL). */
export class HttpGatewayNotifier implements Notifier {
  constructor(private readonly url: string) {}
  async remind(reminder: Reminder): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'reminder', ...reminder }),
    });
    if (!response.ok) throw new Error(`notification gateway answered ${response.status}`);
  }
}
