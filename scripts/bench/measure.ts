import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One run of a command: wall time, CPU time of the whole process tree and its memory. */
export interface Sample {
  readonly wallMs: number;
  /** user + system time of the command and every descendant it waited for; undefined without /usr/bin/time. */
  readonly cpuMs?: number;
  /** The largest single process (ru_maxrss, as `/usr/bin/time -v` reports it); undefined without /usr/bin/time. */
  readonly maxProcessRssKb?: number;
  /**
   * The whole process tree's memory at its fullest: the sum of each process's PSS (proportional set size,
   * /proc/<pid>/smaps_rollup), so pages shared by several processes, e.g. the terraform-provider-aws binary
   * run once per stack, count once rather than once per process as a sum of RSS would. Only when asked for.
   */
  readonly peakTreePssKb?: number;
}

export interface Command {
  readonly cmd: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Sample the process tree's memory from /proc (costs a little CPU; for the long test runs only). */
  readonly sampleTreeMemory?: boolean;
}

const TIME = "/usr/bin/time";
export const HAS_GNU_TIME = existsSync(TIME);
// Short enough to catch a jest worker or a terraform provider at its peak, cheap on 2 cores.
const MEMORY_SAMPLE_MS = 100;

/** Runs `command` once, with stdio discarded; rejects (with its stderr) if it exits non-zero. */
export async function measure(cwd: string, command: Command): Promise<Sample> {
  const scratch = mkdtempSync(join(tmpdir(), "axonflow-bench-time-"));
  const timeFile = join(scratch, "time.txt");
  const [cmd, args] = HAS_GNU_TIME ? [TIME, ["-v", "-o", timeFile, command.cmd, ...command.args]] : [command.cmd, [...command.args]];
  try {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd, env: command.env ?? process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
    let peakTreePssKb = 0;
    const sampler = command.sampleTreeMemory
      ? setInterval(() => (peakTreePssKb = Math.max(peakTreePssKb, treePssKb(child.pid!))), MEMORY_SAMPLE_MS)
      : undefined;
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    clearInterval(sampler);
    if (code !== 0) throw new Error(`${command.cmd} ${command.args.join(" ")} exited ${code}:\n${stderr}`);
    const time = HAS_GNU_TIME ? parseGnuTime(readFileSync(timeFile, "utf8")) : {};
    return { wallMs, ...time, ...(command.sampleTreeMemory ? { peakTreePssKb } : {}) };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function parseGnuTime(text: string): Pick<Sample, "cpuMs" | "maxProcessRssKb"> {
  const field = (label: string) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(text)?.[1] ?? NaN);
  return {
    cpuMs: (field("User time \\(seconds\\)") + field("System time \\(seconds\\)")) * 1000,
    maxProcessRssKb: field("Maximum resident set size \\(kbytes\\)"),
  };
}

/** Sum of PSS over `root` and all its descendants, now. Processes that vanish mid-read count as 0. */
export function treePssKb(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readOr(`/proc/${entry}/stat`);
    // Field 4 (ppid) follows the command name, which is in parentheses and may itself contain spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid)!.push(Number(entry));
  }
  let total = 0;
  for (const queue = [root]; queue.length > 0; ) {
    const pid = queue.pop()!;
    total += Number(/^Pss:\s+(\d+)/m.exec(readOr(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
