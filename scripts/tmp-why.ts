import { stackUnderReplay } from "../replay/replay-stacks";
import { replayScenario } from "../replay/run-scenario";
import { loadScenarios } from "../replay/scenarios/load-scenarios";
const [env, name] = process.argv.slice(2);
const s = loadScenarios("replay/scenarios").find((x) => x.name === name)!;
const r = replayScenario(stackUnderReplay(`cdktf.out/stacks/${env}/cdk.tf.json`), s, env!);
for (const n of r.result.notifications) console.log(new Date(n.time * 1000).toISOString().slice(11, 16), n.alarmName, n.state, n.topics.join(","));
