import { xoroshiro128plus, type RandomGenerator } from "pure-rand";

/**
 * The world's only source of noise: seeded, so the same scenario and seed always publish the same datapoints.
 * Each concern draws from its own stream (`stream("traffic/agent")`), so adding a draw in one place does not shift
 * every other number in the run.
 */
export class SeededRandom {
  private readonly rng: RandomGenerator;
  private spareNormal: number | undefined;

  constructor(private readonly seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }

  /** An independent stream for one concern, derived from this seed and a label. */
  stream(label: string): SeededRandom {
    return new SeededRandom((this.seed ^ fnv1a(label)) | 0);
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return (this.rng.unsafeNext() >>> 0) / 4294967296;
  }

  between(low: number, high: number): number {
    return low + (high - low) * this.uniform();
  }

  intBetween(low: number, high: number): number {
    return Math.min(high, Math.floor(this.between(low, high + 1)));
  }

  /** Standard normal (Box–Muller, keeping the second value). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const s = this.spareNormal;
      this.spareNormal = undefined;
      return s;
    }
    const u = 1 - this.uniform(); // (0, 1]: log stays finite
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Poisson count: exact (Knuth) for small means, normal approximation above 30 (enough for request counts). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Binomial count: exact for small n, normal approximation when both tails are wide. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (n > 40 && mean > 10) {
      return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal())));
    }
    if (n > 40) return Math.min(n, this.poisson(mean)); // rare events among many: Poisson is close enough
    let k = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
    return k;
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
