import { mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { App } from "cdktf";
import { BackendChoiceError, backendFromEnvironment } from "./lib/backend";
import { ConfigError } from "./lib/config/errors";
import { loadAllEnvironments } from "./lib/config/load";
import { EnvironmentStack } from "./lib/stack";
import { replaceOutput } from "./lib/synthesis/replace-output";
import { fastSynthesisChosen } from "./lib/synthesis/fast-synthesis";

// The only place that does I/O: read the backend variables and every environment file, validate all of it,
// then synthesize. A problem there stops before the App exists, so nothing is written to cdktf.out.
// Synthesis writes one stack after another and runs each stack's guard rails just before writing it, so
// it goes to a sibling directory that replaces cdktf.out only when every stack succeeded: a failure never
// leaves a partial cdktf.out (the previous complete one, if any, stays). Terraform's working files in each
// stack directory (.terraform/, the provider lock) survive the replacement.
const fastSynthesis = fastSynthesisChosen(process.env);
const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
const pending = `${outdir}.pending`;
try {
  const backend = backendFromEnvironment(process.env);
  const environments = loadAllEnvironments(process.env.AXONFLOW_ENVIRONMENTS_DIR ?? "environments");
  rmSync(pending, { recursive: true, force: true });
  mkdirSync(dirname(pending), { recursive: true });
  const app = new App({ outdir: pending });
  for (const config of environments) new EnvironmentStack(app, config, { backend, fastSynthesis });
  app.synth();
  replaceOutput(
    pending,
    outdir,
    environments.map((e) => e.name),
  );
} catch (e) {
  rmSync(pending, { recursive: true, force: true });
  if (!(e instanceof ConfigError || e instanceof BackendChoiceError) && !isGuardrailFailure(e)) throw e;
  console.error((e as Error).message.trim());
  process.exitCode = 1;
}

/** cdktf's message for failed validations (our guard rails): already names each construct path and rule. */
function isGuardrailFailure(e: unknown): boolean {
  return e instanceof Error && /^(App-level )?[Vv]alidation failed with the following errors:/.test(e.message);
}
