/**
 * Response times as a compact distribution: 30 log-spaced buckets from 2 ms to 60 s (the ALB's default idle timeout),
 * each standing for its geometric middle. A minute's requests are split over the buckets by a lognormal per request
 * class, with cumulative rounding so the counts add up exactly; no per-request sampling. The result becomes a
 * TargetResponseTime datapoint with `values`/`counts` (seconds: "CloudWatch metrics for your Application Load Balancer").
 */
export const BUCKETS = 30;
const LOWEST = 0.002;
const HIGHEST = 60;
const RATIO = (HIGHEST / LOWEST) ** (1 / BUCKETS);

/** Upper edge of each bucket; the last one also takes everything slower. */
const UPPER_EDGES = Float64Array.from({ length: BUCKETS }, (_, i) => LOWEST * RATIO ** (i + 1));
/** The value each bucket reports: the geometric middle of its edges. */
export const BUCKET_VALUES = Float64Array.from({ length: BUCKETS }, (_, i) => LOWEST * RATIO ** (i + 0.5));

/** A class of requests whose time in seconds is lognormal: half are faster than `medianSeconds`. */
export interface LatencyClass {
  readonly medianSeconds: number;
  /** Spread of ln(time); 0.5 puts p95 at about 2.3 × the median. */
  readonly sigma: number;
}

/**
 * The ALB's default idle timeout: a target silent this long gets the client a 504 from the load balancer. AxonFlow's
 * source sets no shorter timeout of its own on the path to the provider that the world could rely on (pessimistic).
 */
export const IDLE_TIMEOUT_SECONDS = HIGHEST;

/** Share of class `c`'s requests slower than the idle timeout; 0 below 1e-9, so healthy classes draw no randomness. */
export function timeoutShare(c: LatencyClass): number {
  const share = 1 - normalCdf((Math.log(IDLE_TIMEOUT_SECONDS) - Math.log(c.medianSeconds)) / c.sigma);
  return share < 1e-9 ? 0 : share;
}

const cdfCache = new Map<string, Float64Array>();

/** P(time <= upper edge of bucket i), cached per class: a run uses a handful of classes. */
function cumulative(c: LatencyClass): Float64Array {
  const key = `${c.medianSeconds}|${c.sigma}`;
  let cdf = cdfCache.get(key);
  if (!cdf) {
    cdf = new Float64Array(BUCKETS);
    const mu = Math.log(c.medianSeconds);
    for (let i = 0; i < BUCKETS; i++) cdf[i] = normalCdf((Math.log(UPPER_EDGES[i]) - mu) / c.sigma);
    cdf[BUCKETS - 1] = 1;
    cdfCache.set(key, cdf);
  }
  return cdf;
}

/** Adds `count` requests of class `c` to `counts` (length BUCKETS). */
export function addRequests(counts: Float64Array, c: LatencyClass, count: number): void {
  if (count <= 0) return;
  const cdf = cumulative(c);
  let placed = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const upTo = Math.round(count * cdf[i]);
    counts[i] += upTo - placed;
    placed = upTo;
  }
}

export interface LatencySummary {
  readonly sampleCount: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly values: number[];
  readonly counts: number[];
}

/** The non-empty buckets as a statistic set; `scale` stretches every value (a minute's shared jitter). */
export function summarize(counts: Float64Array, scale: number): LatencySummary | undefined {
  const values: number[] = [];
  const out: number[] = [];
  let n = 0;
  let sum = 0;
  for (let i = 0; i < BUCKETS; i++) {
    const c = counts[i];
    if (c <= 0) continue;
    const v = BUCKET_VALUES[i] * scale;
    values.push(v);
    out.push(c);
    n += c;
    sum += v * c;
  }
  if (n === 0) return undefined;
  return { sampleCount: n, sum, min: values[0], max: values[values.length - 1], values, counts: out };
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7): plenty for bucket shares. */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
