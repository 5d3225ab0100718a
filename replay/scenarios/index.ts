/** The scenarios' public surface: what code outside replay/ (the preview) may use. */
export { scenarioFromText } from "./load-scenarios";
export { runsOn, type Scenario } from "./scenario";
