import { App } from "cdktf";
import { BackendChoiceError, backendFromEnvironment } from "./lib/backend";
import { ConfigError } from "./lib/config/errors";
import { loadAllEnvironments } from "./lib/config/load";
import { EnvironmentStack } from "./lib/stack";

// The only place that does I/O: read the backend variables and every environment file, validate all of it,
// then synthesize. A problem stops here, before the App exists, so nothing is written to cdktf.out.
try {
  const backend = backendFromEnvironment(process.env);
  const environments = loadAllEnvironments(process.env.AXONFLOW_ENVIRONMENTS_DIR ?? "environments");
  const app = new App();
  for (const config of environments) new EnvironmentStack(app, config, { backend });
  app.synth();
} catch (e) {
  if (!(e instanceof ConfigError || e instanceof BackendChoiceError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
