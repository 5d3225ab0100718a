import { join } from "node:path";
import type { Datapoint, MetricId, MetricSink } from "../../../replay/metric-data";
import { metricKey } from "../../../replay/metric-data";
import { loadScenarios } from "../../../replay/scenarios/load-scenarios";
import { runsOn, type Scenario } from "../../../replay/scenarios/scenario";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { simulate } from "../../../replay/world/simulate";
import { topologyFromStack } from "../../../replay/world/topology";
import { stackObject, stackOf } from "./stack-fixture";

// The brief's budget: every scenario on both environments, plus the engine's evaluation, in 3 s on 2 cores. The world
// must leave the engine room: here it stores every datapoint by series as a store would (keying each MetricId object
// once: the world passes the same object for a series every minute). Measured on this 2-core machine: world alone
// ~0.3 s cold for 30 runs; with the store 0.7–1.4 s (holding ~415k datapoints costs GC). The bound leaves slack for load.
test("every shipped scenario, on both environments, simulates within 2 s", () => {
  const stack = stackOf(stackObject());
  const topology = topologyFromStack(stack);
  const filters = metricFiltersFromStack(stack);
  const scenarios = loadScenarios(join(__dirname, "../../../replay/scenarios"));
  // One store per run, dropped after it, as the runner does (simulate, evaluate, compare, next).
  let store = new Map<string, Datapoint[]>();
  const keys = new WeakMap<MetricId, string>();
  const sink: MetricSink = {
    put(id: MetricId, dp: Datapoint) {
      let key = keys.get(id);
      if (key === undefined) {
        key = metricKey(id);
        keys.set(id, key);
      }
      const list = store.get(key);
      if (list) list.push(dp);
      else store.set(key, [dp]);
    },
  };
  const started = performance.now();
  let runs = 0;
  for (const named of scenarios) {
    for (const env of ["production", "staging"]) {
      // Scenarios that name one environment are run on both here: the budget is for the brief's ~28 runs.
      const s: Scenario = runsOn(named, env) ? named : { ...named, environments: "all", expectations: { [env]: { kind: "quiet" } } };
      store = new Map();
      simulate(s, topology, filters, sink, { environment: env });
      expect(store.size).toBeGreaterThan(10);
      runs++;
    }
  }
  const elapsed = performance.now() - started;
  expect(runs).toBe(2 * scenarios.length);
  expect(elapsed).toBeLessThan(2000);
});
