import { distance } from "fastest-levenshtein";
// @aws-cdk/region-info (AWS's own region fact table, released with every aws-cdk) publishes the list as
// `RegionInfo.regions`, but loading its index builds every service fact: ~190 ms at each synth and in each jest
// file that loads a config, against ~3 ms for the one module that holds the names. This is the only import of
// that module; __tests__/config/config.test.ts fails if it stops matching the public list.
import { AWS_REGIONS } from "@aws-cdk/region-info/lib/aws-entities";

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
