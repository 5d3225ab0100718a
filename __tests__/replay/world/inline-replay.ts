import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { simulate, type SimulationRun } from "../../../replay/world/simulate";
import { topologyFromStack } from "../../../replay/world/topology";
import { RecordingSink, scenarioOf } from "./recording-sink";
import { stackObject, stackOf } from "./stack-fixture";

/**
 * Simulates a scenario written inline in a test (everything after `description:`) on the fixture stack, recording
 * every datapoint. `name` and `description` are supplied, so a test states only what matters to it.
 */
export function replayInline(body: string, environment = "production", seed?: number): { sink: RecordingSink; run: SimulationRun } {
  const stack = stackOf(stackObject());
  const sink = new RecordingSink();
  const scenario = scenarioOf(`name: inline\ndescription: a scenario written inline for one test\n${body}`);
  const run = simulate(scenario, topologyFromStack(stack), metricFiltersFromStack(stack), sink, { environment, ...(seed === undefined ? {} : { seed }) });
  return { sink, run };
}
