// The edge of the world for reminders and notices to applicants: SMS gateways and app push live behind this interface.
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

/**
 * A message the law says the party must be told: the applicant (the reason of an extended decision period), or a
 * 12345 caller (the reason of an extended handling limit, 接诉即办条例 art. 15(2)), reached by phone.
 */
export interface ApplicantNotice {
  instanceId: string;
  recipient: { userId: string | null; name: string; creditCode?: string; phone?: string };
  text: string;
}

export interface Notifier {
  remind(reminder: Reminder): Promise<void>;
  inform(notice: ApplicantNotice): Promise<void>;
}

export class LogNotifier implements Notifier {
  readonly sent: Reminder[] = [];
  readonly informed: ApplicantNotice[] = [];
  constructor(private readonly log: (line: string) => void = () => undefined) {}
  async remind(reminder: Reminder): Promise<void> {
    this.sent.push(reminder);
    this.log(`[催办] ${reminder.text}`);
  }
  async inform(notice: ApplicantNotice): Promise<void> {
    this.informed.push(notice);
    this.log(`[告知] ${notice.text}`);
  }
}

/** Posts reminders to an SMS/push gateway's HTTP endpoint (configured by SHANZHI_NOTIFY_URL). */
export class HttpGatewayNotifier implements Notifier {
  constructor(private readonly url: string) {}
  async remind(reminder: Reminder): Promise<void> {
    await this.post({ kind: 'reminder', ...reminder });
  }
  async inform(notice: ApplicantNotice): Promise<void> {
    await this.post({ kind: 'applicantNotice', ...notice });
  }
  private async post(body: Record<string, unknown>): Promise<void> {
    const response = await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`notification gateway answered ${response.status}`);
  }
}
