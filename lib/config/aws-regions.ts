import { distance } from "fastest-levenshtein";
// @aws-cdk/region-info's public `RegionInfo.regions` (AWS's own region table, released with every aws-cdk), written
// out by `npm run schema`: loading that package builds every service fact, a cost at each synth and in each test
// file. __tests__/config/config.test.ts fails when this copy differs from the installed package's list.
import AWS_REGIONS from "./aws-region-names.json";

/** Every AWS region known to @aws-cdk/region-info (all partitions: aws, aws-cn, aws-us-gov, ISO). */
export const KNOWN_REGIONS: readonly string[] = [...AWS_REGIONS].sort();
const known = new Set(KNOWN_REGIONS);

export function isKnownRegion(name: string): boolean {
  return known.has(name);
}

/** The known regions nearest to a misspelt name (at most three, closest first), for error messages. */
export function nearestRegions(name: string, count = 3): string[] {
  return KNOWN_REGIONS.map((r) => ({ r, d: distance(name, r) }))
    .sort((a, b) => a.d - b.d || a.r.localeCompare(b.r))
    .slice(0, count)
    .map((x) => x.r);
}

/** The message for a name that is not a region: what was received and the nearest valid names. */
export function unknownRegionMessage(name: string): string {
  return `${JSON.stringify(name)} is not an AWS region; nearest: ${nearestRegions(name).join(", ")}`;
}
