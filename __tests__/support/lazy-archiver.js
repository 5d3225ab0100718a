// cdktf's index loads `archiver` (~260 files) for one function this project never calls in tests (zipping a
// TerraformAsset). jest compiles every module anew per test file, so the real one loads on a first call only.
const { dirname, join } = require("node:path");
const real = join(dirname(require.resolve("cdktf/package.json")), "node_modules", "archiver");
module.exports = (...args) => require(real)(...args);
