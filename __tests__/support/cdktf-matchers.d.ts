import type { TerraformConstructor } from "cdktf/lib/testing/matchers";

// The types of the matchers Testing.setupJest() registers (cdktf ships them for jest's namespace only).
interface CdktfMatchers<R = unknown> {
  toHaveResource(resourceConstructor: TerraformConstructor): R;
  toHaveResourceWithProperties(resourceConstructor: TerraformConstructor, properties: Record<string, any>): R;
  toHaveDataSource(dataSourceConstructor: TerraformConstructor): R;
  toHaveDataSourceWithProperties(dataSourceConstructor: TerraformConstructor, properties: Record<string, any>): R;
  toHaveProvider(providerConstructor: TerraformConstructor): R;
  toHaveProviderWithProperties(providerConstructor: TerraformConstructor, properties: Record<string, any>): R;
  toBeValidTerraform(): R;
  toPlanSuccessfully(): R;
}

declare global {
  namespace jest {
    interface Matchers<R, T = any> extends CdktfMatchers<R> {}
  }
}
