import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { App, Fn, Lazy, TerraformStack, TerraformVariable, Token, Tokenization } from "cdktf";
import { stringify } from "yaml";
import { loadFromText } from "../../lib/config/load";
import type { BackendChoice } from "../../lib/backend";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { EnvironmentStack } from "../../lib/stack";
import { validEnvironment } from "../support/environment-arbitraries";
import { fixtureEnvironments } from "../support/environments";
import { expectIdenticalFiles, filesUnder } from "../support/files";
import { resolve } from "cdktf/lib/_tokens";
import { createTokenDouble } from "cdktf/lib/tokens/private/encoding";
import { resolveTokens } from "../../lib/synthesis/token-resolution";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { skipTokenCreationTraces } from "../../lib/synthesis/token-creation-traces";
import stackTrace = require("cdktf/lib/tokens/private/stack-trace");
import { FUZZ_RUNS } from "../support/fuzz-runs";

describe("synthesis-shortcuts", () => {
  /**
   * EnvironmentStack synthesizes through lib/synthesis/fast-synthesis.ts unless told not to (main.ts:
   * AXONFLOW_STOCK_SYNTH=1). Both ways, through App.synth as main.ts does, every written file must be byte-identical.
   * The shortcuts skip cdktf's preparing pass, which is safe only while no environment's stack references another.
   */
  function synthesizeAll(configs: readonly EnvironmentConfig[], fastSynthesis: boolean, hclOutput: boolean): Map<string, Buffer> {
    const outdir = mkdtempSync(join(tmpdir(), "axonflow-prepare-"));
    try {
      const app = new App({ outdir, stackTraces: false, hclOutput });
      for (const config of configs) new EnvironmentStack(app, config, { fastSynthesis });
      app.synth();
      return filesUnder(outdir);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }

  function expectSameFiles(configs: readonly EnvironmentConfig[], hclOutput = false): void {
    const ours = synthesizeAll(configs, true, hclOutput);
    const cdktfs = synthesizeAll(configs, false, hclOutput);
    // Two empty outputs would be "the same": each environment's stack file must be there.
    const stackFile = hclOutput ? "cdk.tf" : "cdk.tf.json";
    expect([...ours.keys()].filter((f) => f.endsWith(`/${stackFile}`)).sort()).toEqual(
      configs.map((c) => `stacks/${c.name}/${stackFile}`).sort(),
    );
    expectIdenticalFiles(ours, cdktfs);
  }

  test("the stock path is cdktf's own: a plain TerraformStack's methods, nothing of ours", () => {
    const [config] = fixtureEnvironments();
    const stock = new EnvironmentStack(new App({ stackTraces: false }), config, { fastSynthesis: false });
    expect([stock.prepareStack, stock.toTerraform]).toEqual([TerraformStack.prototype.prepareStack, TerraformStack.prototype.toTerraform]);
    expect("synthesizeForChecks" in stock).toBe(false);
    const fast = new EnvironmentStack(new App({ stackTraces: false }), config);
    expect(fast.toTerraform).not.toBe(TerraformStack.prototype.toTerraform);
  });

  test("the shipped environments, synthesized together in one App, come out the same as by cdktf's own steps", () => {
    const configs = fixtureEnvironments();
    expect(configs.length).toBeGreaterThanOrEqual(2);
    expectSameFiles(configs);
  });

  test("…and so does their HCL (`cdktf synth --hcl`), which cdktf renders by a path of its own", () => {
    expectSameFiles(fixtureEnvironments(), true);
  });

  test("so do random valid environments", () => {
    fc.assert(
      fc.property(validEnvironment, (data) => {
        const result = loadFromText("environments/random.yaml", stringify(data));
        if (!result.ok) throw new Error(result.problems.join("\n"));
        expectSameFiles([result.config]);
      }),
      { numRuns: 2 },
    );
  });

  /**
   * 2. Its toTerraform resolves each element once and merges, as cdktf's does, but resolves the merged document
   * again only when there are stack-level overrides (merged unresolved). Same document as cdktf's method, for
   * every backend (s3 adds such an override).
   */
  const BACKENDS: readonly BackendChoice[] = [
    { kind: "local" },
    { kind: "s3", bucket: "axonflow-tfstate", region: "eu-central-1" },
    { kind: "cloud", organization: "axonflow", project: "Observability" },
  ];

  function expectSameDocument(config: EnvironmentConfig, backend: BackendChoice): void {
    const ours = new EnvironmentStack(new App({ stackTraces: false }), config, { backend });
    const cdktfs = new EnvironmentStack(new App({ stackTraces: false }), config, { backend, fastSynthesis: false });
    expect(JSON.stringify(ours.toTerraform())).toBe(JSON.stringify(cdktfs.toTerraform()));
  }

  test.each(BACKENDS.map((b) => [b.kind, b] as const))(
    "toTerraform gives cdktf's document for the shipped environments, %s backend",
    (_, backend) => {
      for (const config of fixtureEnvironments()) expectSameDocument(config, backend);
    },
  );

  test("…and for random valid environments", () => {
    fc.assert(
      fc.property(validEnvironment, fc.constantFrom(...BACKENDS), (data, backend) => {
        const result = loadFromText("environments/random.yaml", stringify(data));
        if (!result.ok) throw new Error(result.problems.join("\n"));
        expectSameDocument(result.config, backend);
      }),
      // A tenth of the stack-level runs (FUZZ_RUNS): 3 locally, 60 in CI.
      { numRuns: Math.max(3, Math.round(FUZZ_RUNS / 10)) },
    );
  });

  test("a stack-level override is resolved and merged, a token in it included", () => {
    const [config] = fixtureEnvironments();
    const stack = new EnvironmentStack(new App({ stackTraces: false }), config);
    stack.addOverride("terraform.required_version", Token.asString(Lazy.stringValue({ produce: () => ">= 1.5" })));
    expect((stack.toTerraform() as { terraform: { required_version: string } }).terraform.required_version).toBe(">= 1.5");
  });
});

describe("cdktf-internals", () => {
  /** What lib/synthesis/ reads of cdktf's private code: if cdktf moves any of it, this fails first, naming it. */
  test("every private module, export and field the shortcuts use is where they expect it", () => {
    const util = require("cdktf/lib/util") as Record<string, unknown>;
    const encoding = require("cdktf/lib/tokens/private/encoding") as Record<string, unknown>;
    const resolveModule = require("cdktf/lib/tokens/private/resolve") as Record<string, unknown>;
    expect({
      deepMerge: typeof util.deepMerge,
      extractTokenDouble: typeof encoding.extractTokenDouble,
      markers: [encoding.BEGIN_STRING_TOKEN_MARKER, encoding.BEGIN_LIST_TOKEN_MARKER, encoding.BEGIN_MAP_TOKEN_MARKER].map((m) => typeof m),
      resolve: typeof resolveModule.resolve,
      captureStackTrace: typeof stackTrace.captureStackTrace,
    }).toEqual({
      deepMerge: "function",
      extractTokenDouble: "function",
      markers: ["string", "string", "string"],
      resolve: "function",
      captureStackTrace: "function",
    });
    // The stack fields resolveDocument reads, and what cdktf's own toTerraform writes from them.
    const stack = new TerraformStack(new App({ stackTraces: false }), "fields") as unknown as {
      rawOverrides: unknown;
      cdktfVersion: unknown;
      toTerraform(): { "//": { metadata: { version: unknown } } };
    };
    expect(stack.rawOverrides).toEqual({});
    expect(typeof stack.cdktfVersion).toBe("string");
    expect(stack.toTerraform()["//"].metadata.version).toBe(stack.cdktfVersion);
  });
});

describe("token-resolution", () => {
  /**
   * resolveTokens copies token-free parts and hands the rest to cdktf's resolve: on any value, with tokens of
   * every kind anywhere in it, the two must give the same result (or throw the same error).
   */
  // Five times the runs of the stack-level property tests (FUZZ_RUNS): a run here is ~0.1 ms, not a whole stack.
  // The timeout scales with them, never below jest's default 5 s.
  const RUNS = FUZZ_RUNS * 5;
  const TIMEOUT_MS = Math.max(5_000, RUNS);

  const stack = new TerraformStack(new App({ stackTraces: false }), "tokens");
  const variable = (name: string, type: string) => new TerraformVariable(stack, name, { type });
  const text = variable("text", "string");
  const count = variable("count", "number");
  const names = variable("names", "list(string)");
  const sizes = variable("sizes", "list(number)");
  const labels = variable("labels", "map(string)");

  // Strings near the token encodings: markers without a token, HCL escapes, what the number-token pattern
  // matches ("1e5", "-e-", "|e|"), cdktf's map-token placeholder values.
  const trickyString = fc.constantFrom(
    "${var.x}",
    "${TfToken[",
    "#{TfToken[x]}",
    "&{TfToken[",
    "}",
    "1e5",
    "-e-",
    "a|e|b",
    "axonflow-error-rate",
    "2.5e+3",
    Token.STRING_MAP_TOKEN_VALUE,
    Token.ANY_MAP_TOKEN_VALUE,
    "",
  );
  const plainString = fc.oneof(fc.string({ maxLength: 12 }), trickyString);
  const plainNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Token.NUMBER_MAP_TOKEN_VALUE, Number.NaN, -0));

  /** Tokens, built inside the property so that each run registers its own. */
  const stringToken = fc.oneof(
    plainString.map((s) => () => Token.asString(Lazy.stringValue({ produce: () => s }))),
    fc.constant(() => text.stringValue),
    plainString.map((s) => () => `${s}${text.stringValue}\${var.y}-${Token.asString(count.numberValue)}`),
    // A number token put into a string as a number: cdktf finds it by its digits ("-1.88…e+289").
    plainString.map((s) => () => `${s}${count.numberValue}`),
    fc.constant(() => Fn.join(",", names.listValue)),
    fc.constant(() => Fn.upper(text.stringValue)),
  );
  const numberToken = fc.oneof(
    plainNumber.map((n) => () => Token.asNumber(Lazy.numberValue({ produce: () => n }))),
    fc.constant(() => count.numberValue),
    // Encoded like a token, but no token has that number: cdktf leaves it as it is.
    fc.tuple(fc.integer({ min: 1e9, max: 2e9 }), fc.boolean()).map(
      ([n, list]) =>
        () =>
          createTokenDouble(n, list),
    ),
  );
  // List and map tokens, alone and with other elements or keys added (which cdktf refuses).
  const listToken = fc.constantFrom(
    () => names.listValue,
    () => Token.asNumberList(sizes.value),
    () => Token.asList(Lazy.listValue({ produce: () => ["a", "b"] })),
    () => [...names.listValue, "x"],
    () => [1, ...Token.asNumberList(sizes.value)],
  );
  const mapToken = fc.constantFrom(
    () => Token.asStringMap(labels.value),
    () => Token.asAnyMap(Lazy.anyValue({ produce: () => ({ a: 1 }) })),
    () => ({ ...Token.asStringMap(labels.value), b: "x" }),
  );
  // What cdktf refuses to resolve, each with an error that names the path to it.
  class Row extends Array<unknown> {}
  const refused = fc.constantFrom(
    () => () => 1,
    () => stack,
    () => ({ _children: {}, _metadata: [] }),
    () => Row.of(1, 2),
  );
  const resolvable = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).map((v) => () => Lazy.anyValue({ produce: () => v })),
    // An object literal is a token too when it has resolve().
    fc.jsonValue({ maxDepth: 2 }).map((v) => () => ({ creationStack: [], resolve: () => v })),
  );

  type Build = () => unknown;
  const leaf: fc.Arbitrary<Build> = fc.oneof(
    { weight: 6, arbitrary: fc.oneof(plainString, plainNumber, fc.boolean(), fc.constantFrom(null, undefined)).map((v) => () => v) },
    { weight: 1, arbitrary: stringToken },
    { weight: 1, arbitrary: numberToken },
    { weight: 1, arbitrary: listToken },
    { weight: 1, arbitrary: mapToken },
    { weight: 1, arbitrary: resolvable },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        () => new Date(0),
        () =>
          new (class Point {
            x = 1;
          })(),
      ),
    },
    { weight: 1, arbitrary: refused },
  );
  const key = fc.oneof(
    { weight: 8, arbitrary: plainString.map((k) => () => k) },
    { weight: 1, arbitrary: stringToken },
    // A key must resolve to a string; cdktf's error names the map.
    { weight: 1, arbitrary: fc.constant(() => Token.asString(Lazy.anyValue({ produce: () => 1 }))) },
  );
  const { value } = fc.letrec<{ value: Build }>((tie) => ({
    value: fc.oneof(
      { maxDepth: 4, depthIdentifier: "value" },
      leaf,
      fc.array(tie("value"), { maxLength: 4 }).map((items) => () => items.map((b) => b())),
      fc
        .array(fc.tuple(key, tie("value")), { maxLength: 4 })
        .map((entries) => () => Object.fromEntries(entries.map(([k, v]) => [k(), v()]))),
    ),
  }));

  type Outcome = { readonly value: unknown } | { readonly error: string };
  function outcome(f: () => unknown): Outcome {
    try {
      return { value: f() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  }

  test(
    "gives what cdktf's resolve gives, on random values with tokens of every kind anywhere in them",
    () => {
      fc.assert(
        fc.property(value, (build) => {
          const input = build();
          expect(outcome(() => resolveTokens(stack, input))).toStrictEqual(outcome(() => resolve(stack, input)));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );

  test("hands cdktf the path to a part it refuses, so its error names the same place", () => {
    const input = { resource: { aws_sns_topic: { alerts: { tags: () => "x" } } } };
    expect(() => resolveTokens(stack, input)).toThrow("at '/resource/aws_sns_topic/alerts/tags'");
    expect(outcome(() => resolveTokens(stack, input))).toStrictEqual(outcome(() => resolve(stack, input)));
  });

  test("keeps cdktf's depth limit: a chain deeper than 200, or a cycle, fails as cdktf's does", () => {
    const deep: Record<string, unknown> = {};
    let tip = deep;
    for (let i = 0; i < 250; i++) tip = (tip.next = {}) as Record<string, unknown>;
    const cycle: Record<string, unknown> = { name: "a" };
    cycle.self = cycle;
    for (const input of [deep, cycle]) {
      expect(() => resolveTokens(stack, input)).toThrow(/circular reference/);
      expect(outcome(() => resolveTokens(stack, input))).toStrictEqual(outcome(() => resolve(stack, input)));
    }
  });

  test("copies token-free parts and resolves the rest in place", () => {
    const input = {
      name: "a",
      skip: undefined,
      list: [1, undefined, "x"],
      ref: text.stringValue,
      nested: { n: count.numberValue, arn: `arn:${text.stringValue}` },
    };
    expect(resolveTokens(stack, input)).toStrictEqual({
      name: "a",
      list: [1, "x"],
      ref: "${var.text}",
      nested: { n: "${var.count}", arn: "arn:${var.text}" },
    });
  });
});

describe("token-creation-traces", () => {
  // Fast synthesis calls it with the stack (unless AXONFLOW_TOKEN_TRACES=1); here it is called first, on its own.
  (process.env.AXONFLOW_TOKEN_TRACES === "1" ? describe.skip : describe)("skipTokenCreationTraces", () => {
    beforeAll(() => skipTokenCreationTraces(process.env));

    test("replaces the function cdktf's token classes call, in the module they call it from", () => {
      expect(stackTrace.captureStackTrace()).toEqual([]);
    });

    test("tokens cdktf creates from then on carry no creation trace: a Lazy and a resource attribute reference", () => {
      const stack = new TerraformStack(new App({ stackTraces: false }), "s");
      const arn = new SnsTopic(stack, "t", { name: "t" }).arn;
      const lazy = Lazy.anyValue({ produce: () => 1 });
      expect(lazy.creationStack).toEqual([]);
      expect(Tokenization.reverseString(arn).firstToken?.creationStack).toEqual([]);
    });

    test("AXONFLOW_TOKEN_TRACES=1 leaves cdktf's function in place", () => {
      const mutable = stackTrace as { captureStackTrace: typeof stackTrace.captureStackTrace };
      const current = mutable.captureStackTrace;
      const sentinel = () => ["sentinel"];
      mutable.captureStackTrace = sentinel;
      try {
        skipTokenCreationTraces({ AXONFLOW_TOKEN_TRACES: "1" });
        expect(mutable.captureStackTrace).toBe(sentinel);
        skipTokenCreationTraces({});
        expect(mutable.captureStackTrace()).toEqual([]);
      } finally {
        mutable.captureStackTrace = current;
      }
    });

    test("a token that fails to resolve still fails synthesis with cdktf's message and the producer's own error", () => {
      const stack = new TerraformStack(new App({ stackTraces: false }), "s");
      const broken = Lazy.stringValue({
        produce: () => {
          throw new Error("boom");
        },
      });
      new SnsTopic(stack, "t", { name: broken });
      expect(() => stack.toTerraform()).toThrow(/Resolution error: boom/);
    });
  });
});
