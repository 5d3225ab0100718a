import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import { Construct } from "constructs";
import { partitionOf } from "../../lib/aws-arn";
import { ALARM_DEFAULTS } from "../../lib/config/alarm-defaults";
import { envContext } from "../../lib/context";
import { alarmNamesIn } from "../../lib/dashboard/alarm-names";
import { alarmArn, CloudWatchConsole } from "../../lib/dashboard/aws-console";
import type { DashboardInput } from "../../lib/dashboard/dashboard-input";
import { layoutRows, type WidgetJson } from "../../lib/dashboard/grid";
import { overviewRow } from "../../lib/dashboard/sections/overview";
import { dashboardBody, expectDocumentedMetricEntry, expectNoOverlap, propsOf, sourcesOf } from "../support/dashboard-body";
import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourcesOf, synthesized, synthStack } from "../support/synth";

/**
 * Per fixture: tokens only where a service writes the guide's JSON (the only format with token counts), then one
 * log widget per dashboard query and log format present. Production writes Go text only, which names no model.
 */
const EXPECTED_LOG_ROWS: Record<string, string[]> = {
  production: ["log:Error Analysis", "log:Policy Blocks by Type"],
  staging: [
    "metric:Tokens Used by Model",
    "metric:Tokens Used, Last Hour",
    "log:Error Analysis (text)",
    "log:Error Analysis (axonflow-json)",
    "log:Error Analysis (guide-json)",
    "log:Latency Percentiles by Model (guide-json)",
    "log:Policy Blocks by Type (text)",
    "log:Policy Blocks by Type (axonflow-json)",
    "log:Policy Blocks by Type (guide-json)",
  ],
};

describe("the dashboard", () => {
  describe("dashboard", () => {
    describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s dashboard", (name, config) => {
      const { json, tf } = synthesized(config);
      const body = dashboardBody(tf, name);
      const widget = (title: string) => {
        const hits = body.widgets.filter((w) => propsOf(w).title === title);
        if (hits.length !== 1) throw new Error(`expected one widget "${title}", found ${hits.length}`);
        return propsOf(hits[0]);
      };
      const lb = ["LoadBalancer", config.alb.arnSuffix];
      const ecsServices = Object.entries(config.services).filter(([, s]) => s.ecsServiceName !== undefined);
      const targetGroups = Object.entries(config.services).flatMap(([name, s]) =>
        s.targetGroupArnSuffix ? [[name, s.targetGroupArnSuffix] as const] : [],
      );
      const logGroups = Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`);
      const alarmNames = ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) =>
        Object.values(resourcesOf(tf, type)).map((a) => a.alarm_name as string),
      );

      test("is the one dashboard of the stack, named AxonFlow-<env>", () => {
        expect(Object.keys(resourcesOf(tf, "aws_cloudwatch_dashboard"))).toHaveLength(1);
        expect(json).toHaveResourceWithProperties(CloudwatchDashboard, { dashboard_name: `AxonFlow-${name}` });
      });

      test("rows in reading order: overview, ALB, ECS per service, AxonFlow's own metrics where mirrored, tokens, logs", () => {
        const titles = body.widgets.map((w) => `${w.type}:${propsOf(w).title ?? "(header)"}`);
        expect(titles).toEqual([
          "text:(header)",
          "alarm:Alarms",
          "metric:ALB Request Volume",
          "metric:Target Latency",
          "metric:Request Overview",
          "metric:Error Rate (%)",
          "metric:Load Balancer 5xx by Cause",
          ...(targetGroups.length > 0
            ? ["metric:5xx % per Target Group", "metric:Healthy Targets per Target Group", "metric:p95 Response Time per Target Group (s)"]
            : []),
          ...ecsServices.flatMap(([s]) => [`metric:ECS ${s}: tasks`, `metric:ECS ${s}: CPU and memory (% of reserved)`]),
          ...(config.prometheus
            ? ["metric:LLM Calls by Provider", "metric:LLM Calls Failed on Every Provider (%)", "metric:Requests Blocked by Policy"]
            : []),
          ...EXPECTED_LOG_ROWS[name],
        ]);
      });

      test("AxonFlow's own metrics: each provider's answers and the failures, in the bridge's namespace and dimensions", () => {
        if (config.prometheus === undefined)
          return expect(body.widgets.some((w) => String(propsOf(w).title).startsWith("LLM"))).toBe(false);
        const entries = widget("LLM Calls by Provider").metrics as unknown[][];
        const service = ["Service", config.prometheus.orchestrator.service];
        expect(entries.map((e) => e.slice(0, 8))).toEqual([
          ...config.prometheus.llmProviders.map((p) => [
            `AxonFlow/${name}`,
            "axonflow_orchestrator_llm_calls_total",
            ...service,
            "provider",
            p,
            "status",
            "success",
          ]),
          [`AxonFlow/${name}`, "axonflow_orchestrator_llm_calls_total", ...service, "provider", "unknown", "status", "error"],
        ]);
        const blocked = (widget("Requests Blocked by Policy").metrics as unknown[][]).map((e) => e.slice(0, 4));
        expect(blocked).toEqual([
          [`AxonFlow/${name}`, "axonflow_agent_blocked_requests_total", "Service", config.prometheus.agent.service],
          [`AxonFlow/${name}`, "axonflow_orchestrator_blocked_requests_total", ...service],
        ]);
      });

      test("widgets stay inside the 24-column grid and do not overlap", () => {
        expectNoOverlap(body.widgets);
      });

      test("every metric widget: this region, a known view, a period CloudWatch accepts, metrics in the documented form", () => {
        const metrics = body.widgets.filter((w) => w.type === "metric").map(propsOf);
        expect(metrics.length).toBeGreaterThan(0);
        for (const p of metrics) {
          expect(p).toMatchObject({ region: config.region, view: expect.stringMatching(/^(timeSeries|singleValue)$/) });
          expect((p.period as number) % 60).toBe(0);
          for (const entry of p.metrics!) expectDocumentedMetricEntry(entry);
        }
      });

      test("header: environment, region, account, a console link per log group, alarm list, runbooks", () => {
        const header = body.widgets.filter((w) => w.type === "text");
        expect(header).toHaveLength(1);
        expect(header[0]).toMatchObject({ x: 0, y: 0, width: 12 });
        const md = propsOf(header[0]).markdown!;
        expect(md).toMatch(new RegExp(`^# AxonFlow-${name}\n`));
        expect(md).toContain(`**Environment** ${name} · **Region** ${config.region} · **Account** ${config.accountId}`);
        for (const lg of logGroups) {
          const encoded = lg.replace(/\//g, "$252F");
          expect(md).toContain(
            `[${lg}](https://console.aws.amazon.com/cloudwatch/home?region=${config.region}#logsV2:log-groups/log-group/${encoded})`,
          );
        }
        expect(md).toContain(`[alarm list](https://console.aws.amazon.com/cloudwatch/home?region=${config.region}#alarmsV2:)`);
        expect(md).toContain(`[how paging works](${config.runbookBaseUrl}#page)`);
      });

      test("alarm status: exactly the stack's alarms, as ARNs in this account and region, ALARM first", () => {
        expect(alarmNames.length).toBeGreaterThan(0);
        expect(widget("Alarms")).toEqual({
          title: "Alarms",
          alarms: [...alarmNames].sort().map((n) => `arn:aws:cloudwatch:${config.region}:${config.accountId}:alarm:${n}`),
          sortBy: "stateUpdatedTimestamp",
        });
      });

      test("ALB Request Volume: RequestCount Sum", () => {
        expect(widget("ALB Request Volume")).toMatchObject({ stat: "Sum", metrics: [["AWS/ApplicationELB", "RequestCount", ...lb]] });
      });

      test("Target Latency: Average, p95 and p99 of TargetResponseTime", () => {
        expect(widget("Target Latency").metrics).toEqual(
          ["Average", "p95", "p99"].map((stat) => ["AWS/ApplicationELB", "TargetResponseTime", ...lb, { label: stat, stat }]),
        );
      });

      test("Request Overview: total, target 5xx, ELB 5xx", () => {
        expect(widget("Request Overview").metrics!.map((m) => m[1])).toEqual([
          "RequestCount",
          "HTTPCode_Target_5XX_Count",
          "HTTPCode_ELB_5XX_Count",
        ]);
      });

      test("Healthy Targets: HealthyHostCount Minimum of each service's target group, by service name", () => {
        expect(targetGroups.length).toBeGreaterThan(0);
        expect(widget("Healthy Targets per Target Group")).toMatchObject({ stat: "Minimum", period: 60 });
        expect(widget("Healthy Targets per Target Group").metrics).toEqual(
          targetGroups.map(([name, tg]) => [
            "AWS/ApplicationELB",
            "HealthyHostCount",
            "LoadBalancer",
            config.alb.arnSuffix,
            "TargetGroup",
            tg,
            { label: name },
          ]),
        );
      });

      test("p95 Response Time per Target Group: what the target-latency alarms watch, by service name", () => {
        expect(widget("p95 Response Time per Target Group (s)")).toMatchObject({ stat: "p95", period: 300 });
        expect(widget("p95 Response Time per Target Group (s)").metrics).toEqual(
          targetGroups.map(([name, tg]) => [
            "AWS/ApplicationELB",
            "TargetResponseTime",
            "LoadBalancer",
            config.alb.arnSuffix,
            "TargetGroup",
            tg,
            { label: name },
          ]),
        );
      });

      test("Error Rate (%): the guide's (m2/m1)*100 and the paging alarm's ratio incl. ELB 5xx, over hidden inputs", () => {
        expect(widget("Error Rate (%)").metrics).toEqual([
          [{ expression: "(m2/m1)*100", label: "Error Rate", id: "e1" }],
          [{ expression: "100*(FILL(m2,0)+FILL(m3,0))/(FILL(m1,0)+FILL(m4,0))", label: "5xx % of answers (error-rate alarm)", id: "e2" }],
          ["AWS/ApplicationELB", "RequestCount", ...lb, { id: "m1", visible: false }],
          ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...lb, { id: "m2", visible: false }],
          ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", ...lb, { id: "m3", visible: false }],
          ["AWS/ApplicationELB", "HTTPCode_ELB_503_Count", ...lb, { id: "m4", visible: false }],
        ]);
      });

      test("5xx by cause: the load balancer's 502, 503, 504 and target connection errors; per target group, each service's own share", () => {
        expect(widget("Load Balancer 5xx by Cause").metrics!.map((m) => m[1])).toEqual([
          "HTTPCode_ELB_502_Count",
          "HTTPCode_ELB_503_Count",
          "HTTPCode_ELB_504_Count",
          "TargetConnectionErrorCount",
        ]);
        const perGroup = widget("5xx % per Target Group").metrics!;
        expect(perGroup).toHaveLength(3 * targetGroups.length);
        targetGroups.forEach(([service, tg], i) => {
          expect(perGroup.slice(3 * i, 3 * i + 3)).toEqual([
            [{ expression: `100*FILL(t${i},0)/FILL(r${i},0)`, label: service, id: `e${i}` }],
            ["AWS/ApplicationELB", "RequestCount", ...lb, "TargetGroup", tg, { id: `r${i}`, visible: false }],
            ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", ...lb, "TargetGroup", tg, { id: `t${i}`, visible: false }],
          ]);
        });
      });

      test.each(ecsServices)("ECS %s: running vs desired tasks, CPU and memory % of reserved from hidden inputs", (service, s) => {
        const dims = ["ClusterName", config.ecs.clusterName, "ServiceName", s.ecsServiceName];
        const ns = "ECS/ContainerInsights";
        expect(widget(`ECS ${service}: tasks`)).toMatchObject({
          stat: "Minimum",
          metrics: [
            [ns, "RunningTaskCount", ...dims, { label: "Running" }],
            [ns, "DesiredTaskCount", ...dims, { label: "Desired" }],
          ],
        });
        expect(widget(`ECS ${service}: CPU and memory (% of reserved)`).metrics).toEqual([
          [{ expression: "100*cpuUsed/cpuReserved", label: "CPU %", id: "cpu" }],
          [{ expression: "100*memUsed/memReserved", label: "Memory %", id: "memory" }],
          [ns, "CpuUtilized", ...dims, { id: "cpuUsed", visible: false }],
          [ns, "CpuReserved", ...dims, { id: "cpuReserved", visible: false }],
          [ns, "MemoryUtilized", ...dims, { id: "memUsed", visible: false }],
          [ns, "MemoryReserved", ...dims, { id: "memReserved", visible: false }],
        ]);
      });

      const hasTokens = EXPECTED_LOG_ROWS[name].includes("metric:Tokens Used by Model");
      if (hasTokens)
        test("tokens by model: a SEARCH over the environment's TokensUsed series, any Model", () => {
          const search = (period: number) => `SEARCH('{"AxonFlow/${name}",Model} MetricName="TokensUsed"', 'Sum', ${period})`;
          expect(widget("Tokens Used by Model")).toMatchObject({
            view: "timeSeries",
            stacked: true,
            metrics: [[{ expression: search(300), id: "byModel" }]],
          });
          expect(widget("Tokens Used, Last Hour")).toMatchObject({
            view: "singleValue",
            period: 3600,
            metrics: [
              [{ expression: search(3600), id: "perModel", visible: false }],
              [{ expression: "SUM(perModel)", id: "total", label: "All models" }],
            ],
          });
        });

      test("each log widget runs the saved query of its title over the same log groups, SOURCE first", () => {
        const saved = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"));
        const logWidgets = body.widgets.filter((w) => w.type === "log").map(propsOf);
        expect(logWidgets.length).toBeGreaterThan(0);
        for (const p of logWidgets) {
          expect(p).toMatchObject({ region: config.region, view: "table" });
          const query = saved.find((q) => q.name === `AxonFlow/${name}/${p.title}`);
          expect(query).toBeDefined();
          const groups = query!.log_group_names as string[];
          expect(sourcesOf(p.query!)).toEqual(groups);
          expect(p.query).toBe(`${groups.map((g) => `SOURCE '${g}'`).join(" | ")} | ${query!.query_string}`);
        }
        // Every service's group is read by some error widget.
        const errorGroups = logWidgets.filter((p) => p.title!.startsWith("Error Analysis")).flatMap((p) => sourcesOf(p.query!));
        expect([...errorGroups].sort()).toEqual([...logGroups].sort());
      });
    });

    describe("content follows the environment file", () => {
      const bodyOf = (patch: Record<string, unknown>) => dashboardBody(synthesized(configFrom(patch)).tf, "test");
      const types = (widgets: WidgetJson[]) => widgets.map((w) => w.type);

      test("no alarms enabled: no alarm widget, the header spans the row and says so", () => {
        const off = { enabled: false };
        const body = bodyOf({ alarms: { ...Object.fromEntries(Object.keys(ALARM_DEFAULTS).map((k) => [k, off])), burnRate: off } });
        expect(types(body.widgets)).not.toContain("alarm");
        expect(body.widgets[0]).toMatchObject({ type: "text", width: 24 });
        expect(propsOf(body.widgets[0]).markdown).toContain("**Alarms**: none defined for this environment");
        expectNoOverlap(body.widgets);
      });

      test("no service on ECS: no ECS widgets", () => {
        const body = bodyOf({ services: { agent: {}, orchestrator: {} } });
        expect(body.widgets.filter((w) => /^ECS /.test(propsOf(w).title ?? ""))).toHaveLength(0);
        expectNoOverlap(body.widgets);
      });

      test("three services on ECS: six ECS widgets wrap onto a second line without overlap", () => {
        const body = bodyOf({ services: { a: { ecsServiceName: "a" }, b: { ecsServiceName: "b" }, c: { ecsServiceName: "c" } } });
        const ecs = body.widgets.filter((w) => /^ECS /.test(propsOf(w).title ?? ""));
        expect(ecs.map((w) => [w.x, w.y - ecs[0].y])).toEqual([
          [0, 0],
          [6, 0],
          [12, 0],
          [18, 0],
          [0, 6],
          [6, 6],
        ]);
        expectNoOverlap(body.widgets);
        for (const w of body.widgets.filter((x) => x.type === "log")) {
          expect(sourcesOf(propsOf(w).query!)).toEqual(["/axonflow/test/a", "/axonflow/test/b", "/axonflow/test/c"]);
        }
      });

      test("two synths of the same file give the same body", () => {
        const fresh = () => JSON.stringify(dashboardBody(synthStack(configFrom()).tf, "test"));
        expect(fresh()).toBe(fresh());
      });
    });

    describe("overview row", () => {
      const input = (alarmNames: string[]): DashboardInput => ({
        env: envContext(configFrom()),
        albArnSuffix: "app/axonflow-test/0123456789abcdef",
        ecsClusterName: "axonflow-test",
        services: [{ name: "agent", logGroupName: "/axonflow/test/agent", logFormat: "text" }],
        alarmNames,
        runbookUrl: (kind: string) => `https://runbooks.example.com/axonflow#${kind}`,
        queryParams: { latencyThresholdSeconds: 5 },
      });

      test("more than 100 alarms: one alarm status widget per 100, all listed once, wrapping without overlap", () => {
        const names = Array.from({ length: 250 }, (_, i) => `axonflow-test-a${String(i).padStart(3, "0")}`);
        const placed = layoutRows([overviewRow(input(names))]);
        const alarms = placed.filter((w) => w.type === "alarm").map(propsOf);
        expect(alarms.map((p) => [p.title, p.alarms!.length])).toEqual([
          ["Alarms (1/3)", 100],
          ["Alarms (2/3)", 100],
          ["Alarms (3/3)", 50],
        ]);
        expect(alarms.flatMap((p) => p.alarms)).toEqual(names.map((n) => `arn:aws:cloudwatch:eu-west-1:111122223333:alarm:${n}`));
        expectNoOverlap(placed);
      });
    });
  });

  describe("aws-console", () => {
    describe("ARNs and console links from config", () => {
      test.each([
        ["us-east-1", "aws"],
        ["eu-west-1", "aws"],
        ["cn-north-1", "aws-cn"],
        ["us-gov-west-1", "aws-us-gov"],
        ["us-iso-east-1", "aws-iso"],
        ["us-isob-east-1", "aws-iso-b"],
      ])("%s is in partition %s", (region, partition) => expect(partitionOf(region)).toBe(partition));

      test("alarm ARN carries partition, region and account", () => {
        expect(alarmArn("us-gov-west-1", "111122223333", "axonflow-gov-high-latency")).toBe(
          "arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:axonflow-gov-high-latency",
        );
      });

      test("a log group link double-encodes the name with $ for %, as the console expects", () => {
        expect(new CloudWatchConsole("eu-west-1").logGroup("/axonflow/prod/agent")).toBe(
          "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faxonflow$252Fprod$252Fagent",
        );
      });

      test("China regions link to the China console", () => {
        expect(new CloudWatchConsole("cn-north-1").alarms).toBe("https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:");
      });
    });
  });

  describe("alarm-names", () => {
    const metricAlarm = (scope: Construct, id: string, alarmName: string) =>
      new CloudwatchMetricAlarm(scope, id, {
        alarmName,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        metricName: "M",
        namespace: "N",
        period: 60,
        statistic: "Sum",
        threshold: 1,
      });

    describe("alarmNamesIn", () => {
      test("finds metric and composite alarms at any depth, sorted and without duplicates", () => {
        const stack = new TerraformStack(new App(), "s");
        const nested = new Construct(new Construct(stack, "alarms"), "deep");
        metricAlarm(nested, "z", "axonflow-t-zeta");
        metricAlarm(stack, "a", "axonflow-t-alpha");
        new CloudwatchCompositeAlarm(stack, "c", { alarmName: "axonflow-t-composite", alarmRule: 'ALARM("axonflow-t-alpha")' });
        expect(alarmNamesIn(stack)).toEqual(["axonflow-t-alpha", "axonflow-t-composite", "axonflow-t-zeta"]);
      });

      test("a stack without alarms has none", () => {
        expect(alarmNamesIn(new TerraformStack(new App(), "s"))).toEqual([]);
      });

      test("rejects an alarm name only known at apply, naming the construct", () => {
        const stack = new TerraformStack(new App(), "s");
        const name = new TerraformVariable(stack, "name", { type: "string" });
        metricAlarm(stack, "from-variable", name.stringValue);
        expect(() => alarmNamesIn(stack)).toThrow(/^s\/from-variable: the dashboard needs a literal alarm_name/);
      });
    });
  });
});
