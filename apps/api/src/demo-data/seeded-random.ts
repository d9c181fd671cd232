import { createHash } from 'node:crypto';
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * Deterministic randomness for the demo data, on pure-rand's xoroshiro128+ (a maintained, seedable PRNG: Math.random
 * cannot be seeded). pure-rand 7 is used rather than 8 because 8 publishes subpath exports only, which this project's
 * `node10` module resolution cannot type.
 *
 * Every case draws from its own generator, seeded from (seed, case number): a case depends on nothing but those two,
 * so the same seed gives the same case whatever the number of cases asked for or the options that pick other cases.
 */
export class SeededRandom {
  private constructor(private readonly rng: RandomGenerator) {}

  /** The generator of one case (or of any other numbered draw) of a seed. */
  static of(seed: number, stream: string, index: number): SeededRandom {
    const digest = createHash('sha1').update(`${seed}:${stream}:${index}`).digest();
    return new SeededRandom(xoroshiro128plus(digest.readInt32LE(0)));
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.int(0, 999_999) < p * 1_000_000;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** One item, with a probability proportional to its weight. */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = (this.int(0, 999_999) / 1_000_000) * total;
    for (const [item, weight] of items) {
      if (draw < weight) return item;
      draw -= weight;
    }
    return items.at(-1)![0];
  }

  /** A value spread log-uniformly over [min, max]: as many cases in the tens of thousands as in the millions. */
  logUniform(min: number, max: number): number {
    const ratio = this.int(0, 999_999) / 1_000_000;
    return min * Math.pow(max / min, ratio);
  }

  /** A random (version 4 layout) UUID drawn from this generator: deterministic, and as unique as the draws are. */
  uuid(): string {
    const bytes = Buffer.alloc(16);
    for (let offset = 0; offset < 16; offset += 4) bytes.writeInt32BE(this.int(-0x80000000, 0x7fffffff), offset);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    return formatUuid(bytes);
  }

  /**
   * A UUIDv8 (RFC 9562 §5.8) whose first 48 bits are `major` and next 12 bits `minor`, the rest drawn: ids made with
   * increasing (major, minor) sort in the order they are made, as UUIDv7 ids do.
   */
  orderedUuid(major: number, minor: number): string {
    const bytes = Buffer.alloc(16);
    bytes.writeUIntBE(major, 0, 6);
    bytes.writeUInt16BE(0x8000 | (minor & 0x0fff), 6);
    bytes.writeInt32BE(this.int(-0x80000000, 0x7fffffff), 8);
    bytes.writeInt32BE(this.int(-0x80000000, 0x7fffffff), 12);
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    return formatUuid(bytes);
  }

  /** `count` distinct items in their list order. */
  some<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(count, items.length)) chosen.add(this.int(0, items.length - 1));
    return [...chosen].sort((a, b) => a - b).map((index) => items[index]!);
  }
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
