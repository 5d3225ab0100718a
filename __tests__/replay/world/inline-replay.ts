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
  // The fixture stack read once: a run does not change it (the determinism tests replay one topology many times).
  fixture ??= (() => {
    const stack = stackOf(stackObject());
    return { topology: topologyFromStack(stack), filters: metricFiltersFromStack(stack) };
  })();
  const sink = new RecordingSink();
  const scenario = scenarioOf(`name: inline\ndescription: a scenario written inline for one test\n${body}`);
  const run = simulate(scenario, fixture.topology, fixture.filters, sink, { environment, ...(seed === undefined ? {} : { seed }) });
  return { sink, run };
}
let fixture: { topology: ReturnType<typeof topologyFromStack>; filters: ReturnType<typeof metricFiltersFromStack> } | undefined;
