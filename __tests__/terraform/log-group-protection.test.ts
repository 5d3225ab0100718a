import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Testing } from "cdktf";
import { localBackend } from "../../lib/backend";
import { EnvironmentStack } from "../../lib/stack";
import { fixtureEnvironment } from "../support/environments";
import { terraformReadyIn, writeOfflineOverride } from "../../scripts/offline-terraform";
import { describeWithTerraform } from "./terraform-harness";

/** A state holding one existing log group, as after a first apply (written by hand: no AWS offline). */
function stateWithLogGroup(address: string, name: string, arnBase: string): string {
  const attributes = { arn: `${arnBase}${name}`, id: name, name, name_prefix: "", kms_key_id: "", log_group_class: "STANDARD", retention_in_days: 90, skip_destroy: true, tags: {}, tags_all: {} };
  const resource = { mode: "managed", type: "aws_cloudwatch_log_group", name: address, provider: 'provider["registry.terraform.io/hashicorp/aws"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }] };
  return JSON.stringify({ version: 4, terraform_version: "1.5.0", serial: 1, lineage: "00000000-0000-4000-8000-000000000000", outputs: {}, resources: [resource] });
}

describeWithTerraform("log group protection with real terraform", (setup) => {
  test("production: a destroy plan for a protected log group fails with prevent_destroy", async () => {
    const config = fixtureEnvironment("production");
    expect(config.logs.protect).toBe(true);
    const dir = join(Testing.fullSynth(new EnvironmentStack(Testing.app(), config, { backend: localBackend })), "stacks", config.name);
    writeOfflineOverride(dir);
    const tf = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, { name: string }>> };
    const [address, group] = Object.entries(tf.resource.aws_cloudwatch_log_group)[0];
    writeFileSync(join(dir, "offline-plan.tfstate"), stateWithLogGroup(address, group.name, `arn:aws:logs:${config.region}:${config.accountId}:log-group:`));
    const terraform = await terraformReadyIn(setup, dir);
    const plan = terraform("plan", "-destroy", "-input=false", "-no-color", "-refresh=false", "-lock=false");
    await expect(plan).rejects.toThrow(/Instance cannot be destroyed[\s\S]*prevent_destroy/);
  }, 120_000);
});
