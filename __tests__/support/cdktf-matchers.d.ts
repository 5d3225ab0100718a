import type { TerraformConstructor } from "cdktf/lib/testing/matchers";

// The types of the matchers Testing.setupJest() registers (cdktf ships them for jest's namespace only).
interface CdktfMatchers<R = unknown> {
  toHaveResource(resourceConstructor: TerraformConstructor): R;
  toHaveResourceWithProperties(resourceConstructor: TerraformConstructor, properties: Record<string, unknown>): R;
  toHaveDataSource(dataSourceConstructor: TerraformConstructor): R;
  toHaveDataSourceWithProperties(dataSourceConstructor: TerraformConstructor, properties: Record<string, unknown>): R;
  toHaveProvider(providerConstructor: TerraformConstructor): R;
  toHaveProviderWithProperties(providerConstructor: TerraformConstructor, properties: Record<string, unknown>): R;
  toBeValidTerraform(): R;
  toPlanSuccessfully(): R;
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: the type parameters must be @types/jest's own, for the interfaces to merge.
    interface Matchers<R, T = {}> extends CdktfMatchers<R> {}
  }
}
