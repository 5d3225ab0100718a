import { RegionInfo } from "@aws-cdk/region-info";
import { isKnownRegion, KNOWN_REGIONS, nearestRegions, unknownRegionMessage } from "../lib/config/aws-regions";
import { problemsFor } from "./support/environments";

describe("AWS regions", () => {
  test("the list read from @aws-cdk/region-info's entities module is its public RegionInfo.regions", () => {
    // Fails if the module lib/config/aws-regions.ts imports moves or stops matching the package's public API.
    expect(KNOWN_REGIONS).toEqual(RegionInfo.regions.map((r) => r.name).sort());
  });

  test.each(["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"])("%s is a region", (r) => {
    expect(isKnownRegion(r)).toBe(true);
  });

  test.each(["eu-wset-1", "us-east-9", "US-EAST-1", "us-east-1a", "europe", ""])("%j is not", (r) => {
    expect(isKnownRegion(r)).toBe(false);
  });

  test("a typo is answered with the nearest real names, closest first", () => {
    expect(nearestRegions("eu-wset-1")[0]).toBe("eu-west-1");
    expect(nearestRegions("us-east-3")).toEqual(expect.arrayContaining(["us-east-1", "us-east-2"]));
    expect(unknownRegionMessage("eu-wset-1")).toMatch(/^"eu-wset-1" is not an AWS region; nearest: eu-west-1, /);
  });

  test("an environment file with a region typo is refused, naming file, field and the nearest regions", () => {
    expect(problemsFor({ region: "eu-wset-1" })).toEqual([expect.stringMatching(/^environments\/test\.yaml: region: "eu-wset-1" is not an AWS region; nearest: eu-west-1/)]);
  });
});
