import { loadScenarios } from "../../../replay/scenarios/load-scenarios";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { simulate } from "../../../replay/world/simulate";
import { topologyFromStack } from "../../../replay/world/topology";
import { join } from "node:path";
import { RecordingSink } from "./recording-sink";
import { stackObject, stackOf } from "./stack-fixture";

const stack = stackOf(stackObject());
const topology = topologyFromStack(stack);
const filters = metricFiltersFromStack(stack);
const scenarios = loadScenarios(join(__dirname, "../../../replay/scenarios"));
const byName = (name: string) => {
  const s = scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
};

function published(name: string, environment: string, seed?: number): string[] {
  const sink = new RecordingSink();
  simulate(byName(name), topology, filters, sink, { environment, ...(seed === undefined ? {} : { seed }) });
  return sink.order;
}

describe("determinism: no clock, no Math.random", () => {
  test("the same scenario and seed publish the same datapoints in the same order", () => {
    const first = published("crash-loop-agent", "production");
    expect(first.length).toBeGreaterThan(1000);
    expect(published("crash-loop-agent", "production")).toEqual(first);
  });

  test("another seed gives another day", () => {
    expect(published("steady-day", "staging", 7)).not.toEqual(published("steady-day", "staging", 8));
  });

  test("a run does not depend on the runs before it", () => {
    const alone = published("provider-5xx", "production");
    published("memory-leak-oom", "production");
    expect(published("provider-5xx", "production")).toEqual(alone);
  });
});
