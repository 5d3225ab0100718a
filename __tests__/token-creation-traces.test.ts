import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { App, Lazy, TerraformStack, Tokenization } from "cdktf";
import stackTrace = require("cdktf/lib/tokens/private/stack-trace");
import { skipTokenCreationTraces } from "../lib/synthesis/token-creation-traces";

// The test setup calls skipTokenCreationTraces(), as main.ts does (both unless AXONFLOW_TOKEN_TRACES=1).
(process.env.AXONFLOW_TOKEN_TRACES === "1" ? describe.skip : describe)("skipTokenCreationTraces", () => {
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
