import { LocalBackend, type TerraformStack } from "cdktf";

export type BackendChoice = (stack: TerraformStack) => void;

/**
 * Local state beside the project (where cdktf puts it by default), but as a relative path: the
 * synthesized JSON then does not depend on the checkout's location, so two machines synthesize the same bytes.
 * Terraform runs in cdktf.out/stacks/<env>, three levels below the project root.
 */
export const localBackend: BackendChoice = (stack) => {
  new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
};
