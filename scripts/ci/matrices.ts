import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The GitHub Actions matrices, from the synthesized stacks (`cdktf.out`), so the workflow takes any environment
 * file with no edit: `node --require tsx/cjs scripts/ci-matrix.ts >> "$GITHUB_OUTPUT"` prints them.
 *
 * - `environments`: every stack, with `secret`, the suffix of its plan-role secret `AWS_PLAN_ROLE_ARN_<secret>`:
 *   GitHub secret names allow only letters, digits and `_`, environment names also `-`.
 * - `first` / `paging`: the deploy waves. Environments without a paging route (staging-like) deploy first;
 *   environments that page (production-like) deploy after them, each behind its GitHub environment's approval.
 */
export interface MatrixEntry {
  readonly environment: string;
  readonly secret: string;
}

export function secretSuffix(environment: string): string {
  return environment.toUpperCase().replace(/-/g, "_");
}

export function ciMatrices(outdir: string): { environments: MatrixEntry[]; first: MatrixEntry[]; paging: MatrixEntry[] } {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const environments: MatrixEntry[] = [];
  const first: MatrixEntry[] = [];
  const paging: MatrixEntry[] = [];
  for (const [environment, stack] of Object.entries(manifest.stacks).sort(([a], [b]) => a.localeCompare(b))) {
    const tf = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8")) as {
      output?: { monitored_resources?: { value?: { topics?: { pages?: string } } } };
    };
    const entry = { environment, secret: secretSuffix(environment) };
    environments.push(entry);
    (tf.output?.monitored_resources?.value?.topics?.pages ? paging : first).push(entry);
  }
  return { environments, first, paging };
}
