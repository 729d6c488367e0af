// The edge of the world for the enforcement platform (批管同步): issued licences are pushed there for supervision.
// The in-process adapter acknowledges at once (embedded mode); the HTTP adapter posts to the platform's endpoint.
import type { LicenceView } from './credit-registry';

export interface EnforcementPlatform {
  /** Resolves with the platform's receipt id once it acknowledged the licence; throws when it did not. */
  receiveLicence(licence: LicenceView): Promise<{ receiptId: string }>;
}

export class InProcessEnforcementPlatform implements EnforcementPlatform {
  readonly received: LicenceView[] = [];
  private failuresLeft: number;

  /** `failFirst` makes the first N pushes fail, as an unreachable platform would (tests inject it). */
  constructor(options: { failFirst?: number } = {}) {
    this.failuresLeft = options.failFirst ?? 0;
  }

  async receiveLicence(licence: LicenceView): Promise<{ receiptId: string }> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('enforcement platform unreachable');
    }
    this.received.push(licence);
    return { receiptId: `EP-${licence.licenceNo}` };
  }
}

/** Posts licences to the enforcement platform (configured by SHANZHI_ENFORCEMENT_URL). */
export class HttpEnforcementPlatform implements EnforcementPlatform {
  constructor(private readonly url: string) {}

  async receiveLicence(licence: LicenceView): Promise<{ receiptId: string }> {
    const response = await fetch(this.url, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'licence', ...licence }),
    });
    if (!response.ok) throw new Error(`enforcement platform answered ${response.status}`);
    return response.json() as Promise<{ receiptId: string }>;
  }
}
