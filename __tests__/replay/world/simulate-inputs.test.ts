import { readStackJson } from "../../../replay/world/stack-json";
import { replayInline } from "./inline-replay";

// Problems only the pair (scenario, stack) reveals: each names the scenario file or the stack file, and the field.
describe("a scenario that does not fit the stack or the environment", () => {
  test("a change to a service the topology does not have", () => {
    expect(() =>
      replayInline(`environments: [production]
start: "10:00"
duration: 2h
incident: { at: 1h, changes: [{ service: billing, allTasksDown: true }] }
expect: { production: { page: within 10m } }
`),
    ).toThrow("test/inline.yaml: incident.changes.0.service: billing is not a service of fixture/stacks/production/cdk.tf.json");
  });

  test("a provider effect on a service that does not call the provider", () => {
    expect(() =>
      replayInline(`environments: [production]
start: "10:00"
duration: 2h
incident: { at: 1h, changes: [{ service: agent, upstreamErrors: { share: 0.3 } }] }
expect: { production: { page: within 10m } }
`),
    ).toThrow("test/inline.yaml: incident.changes.0.service: upstreamErrors applies to the orchestrator");
  });

  test("an environment the scenario does not list", () => {
    expect(() =>
      replayInline(
        `environments: [production]
start: "10:00"
duration: 2h
expect: { production: quiet }
`,
        "staging",
      ),
    ).toThrow("test/inline.yaml: environments: does not list staging");
  });

  test("an environment the world has no traffic profile for", () => {
    expect(() =>
      replayInline(
        `environments: all
start: "10:00"
duration: 2h
expect: { dev: quiet }
`,
        "dev",
      ),
    ).toThrow("no traffic profile for environment dev");
  });

  test("a stack file that is not there", () => {
    expect(() => readStackJson("/nonexistent/stacks/production/cdk.tf.json")).toThrow("/nonexistent/stacks/production/cdk.tf.json: cannot read the synthesized stack");
  });
});
