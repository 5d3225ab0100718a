import { resolve } from "node:path";
import { ciMatrices } from "./ci/matrices";

// `environments=[…]`, `first=[…]`, `paging=[…]` lines for $GITHUB_OUTPUT (scripts/ci/matrices.ts says what each is).
const matrices = ciMatrices(resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out"));
for (const [name, entries] of Object.entries(matrices)) process.stdout.write(`${name}=${JSON.stringify(entries)}\n`);
