import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { installedProviderBinary, TERRAFORM_GOGC, type TerraformEnv, type TerraformSetup } from "../../scripts/offline-terraform";

/**
 * hashicorp/aws started once in its debug mode and reached through TF_REATTACH_PROVIDERS, Terraform's documented
 * way to use a running provider (developer.hashicorp.com/terraform/plugin/debugging).
 *
 * On its own, a terraform command checksums the 675 MB provider against the lock and starts it two or three times
 * (its schema, validation, the plan); a reattached provider does each once, with the same plan text (figures in
 * docs/performance.md). Same Terraform, same binary (the one `terraform init` installed from the mirror and
 * checked against its lock).
 *
 * A provider process is configured once in its life, as Terraform does it: a second configuration in the same
 * process fails (`unable to add custom RootCAs HTTPClient` where AWS_CA_BUNDLE is set) or could carry the first
 * stack's region and tags into the second plan. So validation, which never configures the provider, shares one
 * process (`serially`), and every plan gets a process of its own (`withOwnProvider`).
 */
export class ReattachedProvider {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly child: ChildProcess,
    private readonly pid: number,
    /** TF_REATTACH_PROVIDERS for terraform's environment. */
    readonly env: TerraformEnv,
  ) {}

  static async start(setup: TerraformSetup): Promise<ReattachedProvider> {
    const binary = await installedProviderBinary(setup);
    // Through a shell that ends the provider when its stdin closes: when stop() closes it, and when this process
    // dies in any way (a killed jest worker runs no exit handler), so no 300 MB provider outlives the suite.
    const child = spawn("/bin/sh", ["-c", '"$0" -debug & provider=$!; read -r _; kill "$provider"; wait "$provider"', binary], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, GOGC: TERRAFORM_GOGC },
    });
    const reattach = await new Promise<string>((resolve, reject) => {
      let out = "";
      const fail = (why: string) => reject(new Error(`${binary} -debug ${why}; it printed:\n${out}`));
      const timer = setTimeout(() => fail("printed no TF_REATTACH_PROVIDERS line within 60 s"), 60_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const line = /TF_REATTACH_PROVIDERS='(\{.*\})'/.exec(out);
        if (line) {
          clearTimeout(timer);
          resolve(line[1]);
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) => fail(`exited (${code}) before it was ready`));
    });
    child.stdout!.removeAllListeners("data").resume(); // keep draining, so its logging never blocks it
    child.stderr!.removeAllListeners("data").resume();
    child.removeAllListeners("exit");
    const pid = Number((JSON.parse(reattach) as Record<string, { Pid: number }>)["registry.terraform.io/hashicorp/aws"].Pid);
    return new ReattachedProvider(child, pid, { TF_REATTACH_PROVIDERS: reattach });
  }

  /** Runs `work` once every earlier piece of work given to this provider has finished. */
  serially<T>(work: (env: TerraformEnv) => Promise<T>): Promise<T> {
    const next = this.queue.then(() => work(this.env));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** CPU seconds the provider process has used (Linux /proc): the proof that commands reached it. */
  cpuSeconds(): number {
    const fields = readFileSync(`/proc/${this.pid}/stat`, "utf8").split(") ")[1].split(" ");
    const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  }

  stop(): void {
    this.child.stdin!.end();
  }
}

/** Runs `work` (one terraform command that configures the provider: a plan) against a provider process of its own. */
export async function withOwnProvider<T>(setup: TerraformSetup, work: (env: TerraformEnv) => Promise<T>): Promise<T> {
  const provider = await ReattachedProvider.start(setup);
  try {
    return await work(provider.env);
  } finally {
    provider.stop();
  }
}
