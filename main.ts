import { App } from "cdktf";
import { localBackend } from "./lib/backend";
import { ConfigError } from "./lib/config/errors";
import { loadAllEnvironments } from "./lib/config/load";
import { EnvironmentStack } from "./lib/stack";

// The only place that does I/O: read every environment file, validate all of them, then synthesize.
// A config problem stops here, before any stack exists, so nothing is written to cdktf.out.
try {
  const environments = loadAllEnvironments(process.env.AXONFLOW_ENVIRONMENTS_DIR ?? "environments");
  const app = new App();
  for (const config of environments) new EnvironmentStack(app, config, { backend: localBackend });
  app.synth();
} catch (e) {
  if (!(e instanceof ConfigError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
