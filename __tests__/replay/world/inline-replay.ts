import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { simulate, type SimulationRun } from "../../../replay/world/simulate";
import type { StackJson } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { RecordingSink, scenarioOf } from "./recording-sink";
import { stackObject, stackOf } from "./stack-fixture";

/**
 * Simulates a scenario written inline in a test (everything after `description:`) on the fixture stack, recording
 * every datapoint. `name` and `description` are supplied, so a test states only what matters to it.
 */
export function replayInline(body: string, environment = "production", seed?: number): { sink: RecordingSink; run: SimulationRun } {
  // The fixture stack read once: a run does not change it (the determinism tests replay one topology many times).
  fixture ??= read(stackOf(stackObject()));
  return replayWorld(fixture, body, environment, seed);
}

/** The same on another stack (the fixture with an edit, say). */
export function replayOn(stack: StackJson, body: string, environment = "production"): { sink: RecordingSink; run: SimulationRun } {
  return replayWorld(read(stack), body, environment);
}

type World = { topology: ReturnType<typeof topologyFromStack>; filters: ReturnType<typeof metricFiltersFromStack> };
const read = (stack: StackJson): World => ({ topology: topologyFromStack(stack), filters: metricFiltersFromStack(stack) });

function replayWorld(world: World, body: string, environment: string, seed?: number): { sink: RecordingSink; run: SimulationRun } {
  const sink = new RecordingSink();
  const scenario = scenarioOf(`name: inline\ndescription: a scenario written inline for one test\n${body}`);
  const run = simulate(scenario, world.topology, world.filters, sink, { environment, ...(seed === undefined ? {} : { seed }) });
  return { sink, run };
}
let fixture: World | undefined;
