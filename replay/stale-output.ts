import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What a synth reads: the environment files and the code that turns them into stacks (cwd-relative, as main.ts reads them). */
export interface SynthSources {
  readonly environmentsDir: string;
  readonly code: readonly string[];
}

export const SYNTH_SOURCES: SynthSources = {
  environmentsDir: process.env.AXONFLOW_ENVIRONMENTS_DIR ?? "environments",
  code: ["main.ts", "lib"],
};

/**
 * Why the output in `outdir` must not be replayed or previewed: a source changed after the last synth that wrote
 * it. A synth that refuses a bad file writes nothing, so the old stacks would otherwise pass for the new ones.
 * Undefined when the output is newer than every source (or there is none: the caller reports that).
 */
export function staleOutputProblem(outdir: string, sources: SynthSources = SYNTH_SOURCES): string | undefined {
  const manifest = join(outdir, "manifest.json");
  if (!existsSync(manifest)) return undefined;
  const synthesizedAt = statSync(manifest).mtimeMs;
  const files = [...yamlFiles(sources.environmentsDir), ...sources.code.flatMap(typeScriptFiles)];
  const newer = files
    .map((file) => ({ file, at: statSync(file).mtimeMs }))
    .filter((f) => f.at > synthesizedAt)
    .sort((a, b) => b.at - a.at || a.file.localeCompare(b.file));
  if (newer.length === 0) return undefined;
  const others = newer.length > 1 ? ` (and ${newer.length - 1} more)` : "";
  return (
    `${relative(process.cwd(), outdir) || outdir}: synthesized before ` +
    `${relative(process.cwd(), newer[0].file)}${others} changed; run npm run synth (it names any file it ` +
    `refuses), then this again`
  );
}

function yamlFiles(dir: string): string[] {
  return existsSync(dir) && statSync(dir).isDirectory()
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .map((f) => join(dir, f))
    : [];
}

function typeScriptFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(path, f));
}
