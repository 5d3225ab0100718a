/**
 * How many random cases the property tests draw: AXONFLOW_FUZZ_RUNS, else 30. A local `npm test` keeps its unit
 * part within budget with 30; CI (.ci/run) sets 600, and AXONFLOW_FUZZ_RUNS=5000 (say) searches deeper before a
 * release. Every run draws new seeds (except where a test fixes one), so local runs add up across pushes.
 */
export const FUZZ_RUNS = Number(process.env.AXONFLOW_FUZZ_RUNS ?? 30);
