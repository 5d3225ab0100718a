import { Testing } from "cdktf";
// Brings the matchers' types (toHaveResourceWithProperties, …) into the program for tsc.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
