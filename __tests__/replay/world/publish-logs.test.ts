import type { LineKind } from "../../../replay/world/log-line-kinds";
import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { LogGroupPublisher } from "../../../replay/world/publish-logs";
import { RecordingSink } from "./recording-sink";
import { stackObject, stackOf } from "./stack-fixture";

describe("log metric publication", () => {
  // "Creating metrics from log events using filters": the default value is "reported ... during a period when logs are
  // ingested but no matching logs are found"; "If no logs are ingested during a one-minute period, then no value is
  // reported". Each matching event adds the metric value. Lines here are written for the test, not taken from the world.
  const GROUP = "/axonflow/production/agent";
  const T = 1_773_100_800;

  function kind(name: LineKind["name"], body: Record<string, unknown>): LineKind {
    const message = JSON.stringify(body);
    return { name, message, json: body, bytes: message.length };
  }

  const kinds: LineKind[] = [
    kind("request-ok", { level: "info", message: "ok", model: "claude-sonnet-4", tokens_used: 1000 }),
    kind("internal-error", { level: "error", message: "boom" }),
    kind("completion-gpt", { level: "info", message: "ok", model: "gpt-4o", tokens_used: 300 }),
    kind("heartbeat", { level: "info", message: "heartbeat" }),
  ];

  function publish(counts: number[], shipping = true): RecordingSink {
    const sink = new RecordingSink();
    new LogGroupPublisher(GROUP, kinds, metricFiltersFromStack(stackOf(stackObject()))).publish(
      sink,
      T,
      Float64Array.from(counts),
      shipping,
    );
    return sink;
  }

  const errors = (sink: RecordingSink) => sink.points("AxonFlow/production", "ErrorCount-agent", {}).get(T);

  describe("metric filters applied to the lines that arrived", () => {
    test("events but no match: the default value, once for the minute", () => {
      expect(errors(publish([40, 0, 0, 2]))).toEqual({ timestamp: T, sampleCount: 1, sum: 0, min: 0, max: 0 });
    });

    test("matches: one sample of the value per matching line, and no default on top", () => {
      expect(errors(publish([40, 3, 0, 2]))).toEqual({ timestamp: T, sampleCount: 3, sum: 3, min: 1, max: 1 });
    });

    test("no event in the minute: nothing, not even the default", () => {
      const sink = publish([0, 0, 0, 0]);
      expect(sink.ids()).toEqual([]);
    });

    test("shipping broken: nothing at all, whatever the service wrote", () => {
      expect(publish([40, 3, 5, 2], false).ids()).toEqual([]);
    });

    test("a value taken from the line, one series per dimension value, no default for a filter with dimensions", () => {
      const sink = publish([4, 1, 2, 2]);
      expect(sink.points("AxonFlow/production", "TokensUsed", { Model: "claude-sonnet-4" }).get(T)).toEqual({
        timestamp: T,
        sampleCount: 4,
        sum: 4000,
        min: 1000,
        max: 1000,
      });
      expect(sink.points("AxonFlow/production", "TokensUsed", { Model: "gpt-4o" }).get(T)).toEqual({
        timestamp: T,
        sampleCount: 2,
        sum: 600,
        min: 300,
        max: 300,
      });
      expect(sink.ids().filter((id) => id.metricName === "TokensUsed" && Object.keys(id.dimensions).length === 0)).toEqual([]);
      expect(
        publish([0, 1, 0, 2])
          .ids()
          .filter((id) => id.metricName === "TokensUsed"),
      ).toEqual([]);
    });

    test("IncomingLogEvents counts every line that arrived; IncomingBytes their sizes", () => {
      const sink = publish([4, 1, 2, 2]);
      expect(sink.points("AWS/Logs", "IncomingLogEvents", { LogGroupName: GROUP }).get(T)?.sum).toBe(9);
      const bytes = 4 * kinds[0].bytes + kinds[1].bytes + 2 * kinds[2].bytes + 2 * kinds[3].bytes;
      expect(sink.points("AWS/Logs", "IncomingBytes", { LogGroupName: GROUP }).get(T)?.sum).toBe(bytes);
    });

    test("filters of other log groups see none of these lines", () => {
      expect(
        publish([4, 1, 2, 2])
          .ids()
          .filter((id) => id.metricName === "ErrorCount-orchestrator"),
      ).toEqual([]);
    });
  });
});
