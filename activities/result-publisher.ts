// The edge of the world for 一公开: results also go to the outside publicity system (国家企业信用信息公示系统 or a
// provincial one). The in-process adapter accepts at once (embedded mode); tests can make it refuse for a while, as
// an unreachable platform would, to see a late publication supervised.
export interface PublishedResult {
  creditCode: string;
  subjectName: string;
  matter: string;
  outcome: string;
  inspectedOn: string;
  planTitle: string;
}

export interface ResultPublisher {
  /** Resolves once the outside system took the result; throws when it did not. */
  publish(result: PublishedResult): Promise<void>;
}

export class InProcessResultPublisher implements ResultPublisher {
  readonly published: PublishedResult[] = [];
  /** While true every publication fails (tests switch it). */
  unreachable = false;

  async publish(result: PublishedResult): Promise<void> {
    if (this.unreachable) throw new Error('publicity system unreachable');
    this.published.push(result);
  }
}
