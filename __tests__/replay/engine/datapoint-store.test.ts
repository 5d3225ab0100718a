import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { readPeriodSeries } from "../../../replay/engine/period-series";
import type { MetricSource } from "../../../replay/metric-data";
import { ERRORS, LATENCY, MINUTE, T0 } from "./replay-fixtures";

describe("the datapoint store", () => {
  function storeWithFiveMinutes(): DatapointStore {
    const store = new DatapointStore();
    // Minutes T0..T0+4: statistic sets of 2 samples each.
    [
      [3, 1, 2],
      [10, 4, 6],
      [1, 0, 1],
      [7, 3, 4],
      [9, 2, 7],
    ].forEach(([sum, min, max], i) => {
      store.put(ERRORS, { timestamp: T0 + i * MINUTE, sampleCount: 2, sum: sum!, min: min!, max: max! });
    });
    return store;
  }

  describe("DatapointStore statistics over one period", () => {
    const store = storeWithFiveMinutes();
    test.each([
      ["Sum", 30],
      ["SampleCount", 10],
      ["Average", 3],
      ["Minimum", 0],
      ["Maximum", 7],
    ])("%s over 5 minutes", (stat, expected) => {
      expect(store.periodValue(ERRORS, stat, 300, T0)).toEqual({ value: expected, sampleCount: 10 });
    });

    test("a period covers [start, start + period): the minute at start + period belongs to the next one", () => {
      expect(store.periodValue(ERRORS, "Sum", 120, T0)?.value).toBe(13);
      expect(store.periodValue(ERRORS, "Sum", 120, T0 + 2 * MINUTE)?.value).toBe(8);
      expect(store.periodValue(ERRORS, "Sum", 120, T0 + 4 * MINUTE)?.value).toBe(9);
    });

    test("no datapoint in the period, or an unknown series: undefined (a missing period)", () => {
      expect(store.periodValue(ERRORS, "Sum", 300, T0 + 5 * MINUTE)).toBeUndefined();
      expect(store.periodValue(LATENCY, "Sum", 300, T0)).toBeUndefined();
    });

    test("the dimension set is part of the identity; the order of dimensions is not", () => {
      const reordered = { ...ERRORS, dimensions: { Service: "api" } };
      const wider = { ...ERRORS, dimensions: { Service: "api", Zone: "a" } };
      expect(store.periodValue(reordered, "Sum", 60, T0)?.value).toBe(3);
      expect(store.periodValue(wider, "Sum", 60, T0)).toBeUndefined();
    });

    test("a put after a read is seen by the next read (the cache is cleared)", () => {
      const s = storeWithFiveMinutes();
      expect(s.periodValue(ERRORS, "Sum", 300, T0)?.value).toBe(30);
      s.put(ERRORS, { timestamp: T0 + 4 * MINUTE, sampleCount: 1, sum: 5, min: 5, max: 5 });
      expect(s.periodValue(ERRORS, "Sum", 300, T0)).toEqual({ value: 35, sampleCount: 11 });
      expect(s.periodValue(ERRORS, "Maximum", 300, T0)?.value).toBe(7);
    });

    test("bad datapoints are refused with the metric and time named", () => {
      const s = new DatapointStore();
      expect(() => s.put(ERRORS, { timestamp: T0 + 30, sampleCount: 1, sum: 1, min: 1, max: 1 })).toThrow(
        /Test\|Errors\|Service=api.*not the start of a minute/,
      );
      expect(() => s.put(ERRORS, { timestamp: T0, sampleCount: 0, sum: 0, min: 0, max: 0 })).toThrow(/sampleCount/);
      expect(() => s.put(ERRORS, { timestamp: T0, sampleCount: 2, sum: 3, min: 2, max: 1 })).toThrow(/min > max/);
    });
  });

  describe("DatapointStore percentiles", () => {
    test("nearest rank over the distribution merged across the period's minutes", () => {
      const store = new DatapointStore();
      // 100 samples: values 1..100, split over two minutes, unsorted within a minute.
      const first = Array.from({ length: 50 }, (_, i) => 100 - 2 * i); // even values
      const second = Array.from({ length: 50 }, (_, i) => 2 * i + 1); // odd values
      store.put(LATENCY, { timestamp: T0, sampleCount: 50, sum: 2550, min: 2, max: 100, values: first });
      store.put(LATENCY, { timestamp: T0 + MINUTE, sampleCount: 50, sum: 2500, min: 1, max: 99, values: second });
      expect(store.periodValue(LATENCY, "p50", 120, T0)).toEqual({ value: 50, sampleCount: 100 });
      expect(store.periodValue(LATENCY, "p95", 120, T0)?.value).toBe(95);
      expect(store.periodValue(LATENCY, "p99.5", 120, T0)?.value).toBe(100);
      expect(store.periodValue(LATENCY, "p1", 120, T0)?.value).toBe(1);
    });

    test("counts weigh values (PutMetricData's Values and Counts)", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 100, sum: 0.1 * 90 + 2 * 10, min: 0.1, max: 2, values: [2, 0.1], counts: [10, 90] });
      expect(store.periodValue(LATENCY, "p90", 60, T0)?.value).toBe(0.1);
      expect(store.periodValue(LATENCY, "p91", 60, T0)?.value).toBe(2);
    });

    test("statistic sets without a distribution: usable when all samples are equal, else no percentile (a missing period)", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 4, sum: 8, min: 2, max: 2 });
      store.put(LATENCY, { timestamp: T0 + MINUTE, sampleCount: 1, sum: 5, min: 5, max: 5 });
      expect(store.periodValue(LATENCY, "p50", 120, T0)?.value).toBe(2);
      expect(store.periodValue(LATENCY, "p99", 120, T0)?.value).toBe(5);
      store.put(LATENCY, { timestamp: T0 + 2 * MINUTE, sampleCount: 3, sum: 6, min: 1, max: 3 });
      expect(store.periodValue(LATENCY, "p99", 180, T0)).toBeUndefined();
      expect(store.periodValue(LATENCY, "Average", 180, T0)?.value).toBe(19 / 8);
      const strict = new DatapointStore({ percentileWithoutDistribution: "throw" });
      strict.put(LATENCY, { timestamp: T0, sampleCount: 3, sum: 6, min: 1, max: 3 });
      expect(() => strict.periodValue(LATENCY, "p99", 60, T0)).toThrow(/no Values\/Counts distribution/);
    });

    test("unsupported statistics are refused", () => {
      const store = new DatapointStore();
      store.put(LATENCY, { timestamp: T0, sampleCount: 1, sum: 1, min: 1, max: 1 });
      expect(() => store.periodValue(LATENCY, "tm99", 60, T0)).toThrow(/unsupported statistic "tm99"/);
    });
  });

  describe("reading a grid of period starts", () => {
    test("the store's bulk read equals asking period by period, and any MetricSource can be read the slow way", () => {
      const store = storeWithFiveMinutes();
      const grid = { firstStart: T0 - 2 * MINUTE, count: 8, stepSeconds: MINUTE };
      const bulk = readPeriodSeries(store, ERRORS, "Sum", 180, grid);
      const plain: MetricSource = { periodValue: (m, s, p, t) => store.periodValue(m, s, p, t) };
      const slow = readPeriodSeries(plain, ERRORS, "Sum", 180, grid);
      expect(Array.from(bulk.values)).toEqual([3, 13, 14, 18, 17, 16, 9, Number.NaN]);
      expect(Array.from(slow.values)).toEqual(Array.from(bulk.values));
      expect(Array.from(slow.sampleCounts)).toEqual(Array.from(bulk.sampleCounts));
    });
  });
});
