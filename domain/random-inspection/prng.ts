// The draw's random numbers: HMAC-SHA256 in counter mode keyed by the recorded seed (a documented construction
// anyone can re-implement from the seed alone, in any language), with rejection sampling so every integer in a
// range is exactly equally likely. Separate named streams keep one part of the draw from shifting another.
import { createHmac } from 'node:crypto';

/** Integers are taken 48 bits at a time: exact in a double, and far beyond any registry or weight total. */
const BITS = 48;
const SPACE = 2 ** BITS;

export class DrawStream {
  private counter = 0;
  private buffer = Buffer.alloc(0);

  /** `seed` is hex; `label` names the stream (e.g. `subjects`, `inspectors:<creditCode>`). */
  constructor(private readonly seed: string, private readonly label: string) {}

  /** Block n of the stream = HMAC-SHA256(key = seed bytes, message = label ‖ ":" ‖ n in decimal). */
  private refill(): void {
    const block = createHmac('sha256', Buffer.from(this.seed, 'hex')).update(`${this.label}:${this.counter++}`).digest();
    this.buffer = Buffer.concat([this.buffer, block]);
  }

  /** The next 48-bit unsigned integer, big-endian from 6 bytes of the stream. */
  private next48(): number {
    if (this.buffer.length < 6) this.refill();
    const value = this.buffer.readUIntBE(0, 6);
    this.buffer = this.buffer.subarray(6);
    return value;
  }

  /** A uniform integer in [0, n): values from the top, incomplete multiple of n are thrown away and drawn again. */
  below(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1 || n > SPACE) throw new RangeError(`cannot draw below ${n}`);
    const limit = SPACE - (SPACE % n);
    for (;;) {
      const value = this.next48();
      if (value < limit) return value % n;
    }
  }
}
