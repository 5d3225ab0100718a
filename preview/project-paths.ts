import { join } from "node:path";

/** The project's root: this file is in preview/. */
export const PROJECT_ROOT = join(__dirname, "..");
export const SCENARIOS_DIR = join(PROJECT_ROOT, "replay", "scenarios");
