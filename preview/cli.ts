import { resolve } from "node:path";
import { staleOutputProblem } from "../replay/stale-output";
import { parsePreviewArgs, UsageError } from "./preview-args";
import { writePreviews } from "./write-previews";

/**
 * `npm run preview -- <env> | --all [--scenario <name>] [--at <minute>] [--out <folder>]`: the synthesized dashboard
 * of each named environment, drawn from a replayed scenario; where each page goes is write-previews.ts's pageFile,
 * and every line printed names the file written. Reads cdk.tf.json only. Exit 2 on bad arguments (the message says
 * what is allowed), 1 on any other failure.
 */
function main(argv: string[]): number {
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  try {
    const args = parsePreviewArgs(argv);
    const stale = staleOutputProblem(outdir);
    if (stale !== undefined) {
      console.error(stale);
      return 1;
    }
    for (const line of writePreviews(outdir, args)) console.log(line);
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return e instanceof UsageError ? 2 : 1;
  }
}

process.exitCode = main(process.argv.slice(2));
