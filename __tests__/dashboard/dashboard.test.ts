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
import { layoutProblems, layoutRows, MAX_WIDGETS, Row, type WidgetJson } from "../../lib/dashboard/grid";
import { overviewRow } from "../../lib/dashboard/sections/overview";
import { AlarmStatusWidget, type AlarmStatusWidgetProps } from "../../lib/dashboard/widgets/alarm-status-widget";
import { LogWidget, type LogWidgetProps } from "../../lib/dashboard/widgets/log-widget";
import { MetricWidget, type MetricWidgetProps } from "../../lib/dashboard/widgets/metric-widget";
import { TextWidget } from "../../lib/dashboard/widgets/text-widget";
import { ALB } from "../../lib/metrics/catalog";
import { MetricDefinition } from "../../lib/metrics/metric";
import { searchExpression } from "../../lib/metrics/search-expression";
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
      const targetGroups = Object.entries(config.services).flatMap(([name, s]) => (s.targetGroupArnSuffix ? [[name, s.targetGroupArnSuffix] as const] : []));
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
          ...(targetGroups.length > 0 ? ["metric:5xx % per Target Group", "metric:Healthy Targets per Target Group", "metric:p95 Response Time per Target Group (s)"] : []),
          ...ecsServices.flatMap(([s]) => [`metric:ECS ${s}: tasks`, `metric:ECS ${s}: CPU and memory (% of reserved)`]),
          ...(config.prometheus ? ["metric:LLM Calls by Provider", "metric:LLM Calls Failed on Every Provider (%)", "metric:Requests Blocked by Policy"] : []),
          ...EXPECTED_LOG_ROWS[name],
        ]);
      });

      test("AxonFlow's own metrics: each provider's answers and the failures, in the bridge's namespace and dimensions", () => {
        if (config.prometheus === undefined) return expect(body.widgets.some((w) => String(propsOf(w).title).startsWith("LLM"))).toBe(false);
        const entries = widget("LLM Calls by Provider").metrics as unknown[][];
        const service = ["Service", config.prometheus.orchestrator.service];
        expect(entries.map((e) => e.slice(0, 8))).toEqual([
          ...config.prometheus.llmProviders.map((p) => [`AxonFlow/${name}`, "axonflow_orchestrator_llm_calls_total", ...service, "provider", p, "status", "success"]),
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
          expect(md).toContain(`[${lg}](https://console.aws.amazon.com/cloudwatch/home?region=${config.region}#logsV2:log-groups/log-group/${encoded})`);
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
        expect(widget("Request Overview").metrics!.map((m) => m[1])).toEqual(["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"]);
      });

      test("Healthy Targets: HealthyHostCount Minimum of each service's target group, by service name", () => {
        expect(targetGroups.length).toBeGreaterThan(0);
        expect(widget("Healthy Targets per Target Group")).toMatchObject({ stat: "Minimum", period: 60 });
        expect(widget("Healthy Targets per Target Group").metrics).toEqual(
          targetGroups.map(([name, tg]) => ["AWS/ApplicationELB", "HealthyHostCount", "LoadBalancer", config.alb.arnSuffix, "TargetGroup", tg, { label: name }]),
        );
      });

      test("p95 Response Time per Target Group: what the target-latency alarms watch, by service name", () => {
        expect(widget("p95 Response Time per Target Group (s)")).toMatchObject({ stat: "p95", period: 300 });
        expect(widget("p95 Response Time per Target Group (s)").metrics).toEqual(
          targetGroups.map(([name, tg]) => ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", config.alb.arnSuffix, "TargetGroup", tg, { label: name }]),
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
        expect(widget("Load Balancer 5xx by Cause").metrics!.map((m) => m[1])).toEqual(["HTTPCode_ELB_502_Count", "HTTPCode_ELB_503_Count", "HTTPCode_ELB_504_Count", "TargetConnectionErrorCount"]);
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
      if (hasTokens) test("tokens by model: a SEARCH over the environment's TokensUsed series, any Model", () => {
        const search = (period: number) => `SEARCH('{"AxonFlow/${name}",Model} MetricName="TokensUsed"', 'Sum', ${period})`;
        expect(widget("Tokens Used by Model")).toMatchObject({ view: "timeSeries", stacked: true, metrics: [[{ expression: search(300), id: "byModel" }]] });
        expect(widget("Tokens Used, Last Hour")).toMatchObject({
          view: "singleValue",
          period: 3600,
          metrics: [[{ expression: search(3600), id: "perModel", visible: false }], [{ expression: "SUM(perModel)", id: "total", label: "All models" }]],
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
        expect(ecs.map((w) => [w.x, w.y - ecs[0].y])).toEqual([[0, 0], [6, 0], [12, 0], [18, 0], [0, 6], [6, 6]]);
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
        expect(alarms.map((p) => [p.title, p.alarms!.length])).toEqual([["Alarms (1/3)", 100], ["Alarms (2/3)", 100], ["Alarms (3/3)", 50]]);
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
        expect(alarmArn("us-gov-west-1", "111122223333", "axonflow-gov-high-latency")).toBe("arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:axonflow-gov-high-latency");
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
      new CloudwatchMetricAlarm(scope, id, { alarmName, comparisonOperator: "GreaterThanThreshold", evaluationPeriods: 1, metricName: "M", namespace: "N", period: 60, statistic: "Sum", threshold: 1 });

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

describe("widgets", () => {
  describe("grid", () => {
    const w = (width: number, height = 6) => new TextWidget({ markdown: `w${width}`, width, height });
    const at = (x: number, y: number, width: number, height: number, title = ""): WidgetJson => ({ type: "text", x, y, width, height, properties: { title } });

    describe("layoutRows", () => {
      test("a row wraps a widget that would pass column 24 and the next row starts below the tallest", () => {
        const placed = layoutRows([new Row(w(12), w(8, 3), w(12)), new Row(w(24))]);
        expect(placed.map((p) => [p.x, p.y])).toEqual([[0, 0], [12, 0], [0, 6], [0, 12]]);
        expectNoOverlap(placed);
        expect(layoutProblems(placed)).toEqual([]);
      });

      test("is deterministic: the same rows give the same coordinates", () => {
        const rows = () => [new Row(w(5), w(7, 2), w(13), w(24, 1)), new Row(w(1), w(23))];
        expect(layoutRows(rows())).toEqual(layoutRows(rows()));
      });

      test("rejects more widgets than a dashboard may hold", () => {
        const many = Array.from({ length: MAX_WIDGETS + 1 }, () => w(24, 1));
        expect(() => layoutRows([new Row(...many)])).toThrow(`dashboard has 501 widgets; CloudWatch allows at most ${MAX_WIDGETS}`);
        expect(() => layoutRows([new Row(...many.slice(1))])).not.toThrow();
      });
    });

    describe("layoutProblems", () => {
      test("reports a widget past column 24 and two widgets on the same cells", () => {
        expect(layoutProblems([at(18, 0, 8, 6, "wide"), at(0, 0, 12, 6, "a"), at(6, 3, 6, 6, "b")])).toEqual([
          'text "wide" at (18,0) width 8 passes column 24',
          'text "a" at (0,0) overlaps text "b" at (6,3)',
        ]);
      });

      test("widgets that only touch do not overlap", () => {
        expect(layoutProblems([at(0, 0, 12, 6), at(12, 0, 12, 6), at(0, 6, 24, 1)])).toEqual([]);
      });
    });
  });

  describe("metric-widget", () => {
    const metric = ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" });
    const base: MetricWidgetProps = { title: "t", region: "eu-west-1", width: 12, lines: [{ metric }] };
    const build = (patch: Partial<MetricWidgetProps>) => new MetricWidget({ ...base, ...patch });

    describe("MetricWidget renders the documented metrics array", () => {
      test("a metric line is [namespace, name, dimension key, value, {options}] written in full", () => {
        const w = build({ lines: [{ metric, options: { id: "m1", label: "Requests", stat: "p99.9", periodSeconds: 60, visible: true, yAxis: "right" } }] });
        expect(w.toJson(0, 0).properties.metrics).toEqual([
          ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "app/a/0123456789abcdef", { id: "m1", label: "Requests", stat: "p99.9", period: 60, visible: true, yAxis: "right" }],
        ]);
      });

      test("an expression line is [{expression, label, id}], hidden inputs carry visible: false", () => {
        const w = build({
          view: "singleValue",
          stat: "Sum",
          periodSeconds: 3600,
          lines: [
            { expression: "m1*2", id: "e1", label: "Double" },
            { metric, options: { id: "m1", visible: false } },
          ],
        });
        expect(w.toJson(3, 4)).toEqual({
          type: "metric",
          x: 3,
          y: 4,
          width: 12,
          height: 6,
          properties: {
            title: "t",
            region: "eu-west-1",
            view: "singleValue",
            stat: "Sum",
            period: 3600,
            metrics: [[{ expression: "m1*2", label: "Double", id: "e1" }], ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "app/a/0123456789abcdef", { id: "m1", visible: false }]],
          },
        });
      });

      test("a SEARCH expression's quoted query is not read as line ids", () => {
        expect(() => build({ lines: [{ expression: `SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed" agent', 'Sum', 300)`, id: "s1" }] })).not.toThrow();
        expect(() => build({ lines: [{ expression: `SUM(SEARCH('agent', 'Sum', 300)) / total`, id: "s1" }] })).toThrow('uses "total", which no line defines');
      });
    });

    describe("MetricWidget rejects what CloudWatch would reject or draw wrongly", () => {
      const many = Array.from({ length: 501 }, (_, i) => ({ metric, options: { id: `m${i}` } }));
      test.each<[string, Partial<MetricWidgetProps>, string]>([
        ["a width of 0", { width: 0 }, `MetricWidget "t": width must be a whole number 1..24, received 0`],
        ["a width of 25", { width: 25 }, "width must be a whole number 1..24, received 25"],
        ["a fractional width", { width: 1.5 }, "width must be a whole number 1..24, received 1.5"],
        ["a height of 0", { height: 0 }, "height must be a whole number 1..1000, received 0"],
        ["an unknown widget statistic", { stat: "avg" }, 'stat "avg" is not a CloudWatch statistic; allowed: SampleCount, Average'],
        ["an unknown line statistic", { lines: [{ metric, options: { stat: "P95" } }] }, 'line "AWS/ApplicationELB/RequestCount": stat "P95" is not a CloudWatch statistic'],
        ["a period that is not a multiple of 60", { periodSeconds: 90 }, "period 90 s is not allowed; allowed: a multiple of 60"],
        ["a line period below 60", { lines: [{ metric, options: { periodSeconds: 30 } }] }, "period 30 s is not allowed"],
        ["no lines", { lines: [] }, "has 0 lines; allowed: 1..500"],
        ["501 lines", { lines: many }, "has 501 lines; allowed: 1..500"],
        ["a region that is not one", { region: "Europe" }, 'region "Europe" is not an AWS region'],
        ["an id starting upper case", { lines: [{ metric, options: { id: "M1" } }] }, 'id "M1" must start with a lowercase letter'],
        ["a duplicated id", { lines: [{ metric, options: { id: "m1" } }, { metric, options: { id: "m1" } }] }, 'the id "m1" is used for two lines; rename one'],
        ["an expression over an undefined id", { lines: [{ expression: "m1*2", id: "e1" }] }, 'expression "m1*2" uses "m1", which no line defines'],
        ["an expression over itself", { lines: [{ expression: "e1*2", id: "e1" }] }, 'expression "e1*2" uses its own id "e1"'],
        ["an expression that does not parse", { lines: [{ expression: "m1 *", id: "e1" }, { metric, options: { id: "m1" } }] }, 'line "e1": expression "m1 *": does not parse'],
        ["101 SEARCH expressions", { lines: Array.from({ length: 101 }, (_, i) => ({ expression: `2 * SEARCH('x', 'Sum', 300)`, id: `s${i}` })) }, "has 101 SEARCH expressions; allowed: at most 100"],
        ["a hidden line no expression uses", { lines: [{ metric, options: { id: "m9", visible: false } }, { metric }] }, 'line "m9" is hidden but no expression uses it'],
        ["every line hidden", { lines: [{ expression: "m1", id: "e1", visible: false }, { metric, options: { id: "m1", visible: false } }] }, "every line is hidden"],
      ])("%s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(message);
      });

      test("the message names the widget and lists every problem at once", () => {
        expect(() => build({ title: "Latency", stat: "avg", periodSeconds: 90 })).toThrow(/^MetricWidget "Latency": stat "avg" .*; period 90 s/);
      });
    });
  });

  describe("text-widget", () => {
    describe("TextWidget", () => {
      test("renders markdown, and background only when set", () => {
        expect(new TextWidget({ markdown: "# Hi", width: 6, height: 2 }).toJson(0, 0)).toEqual({ type: "text", x: 0, y: 0, width: 6, height: 2, properties: { markdown: "# Hi" } });
        expect(new TextWidget({ markdown: "x", width: 6, height: 2, background: "transparent" }).toJson(0, 0).properties).toEqual({ markdown: "x", background: "transparent" });
      });

      test.each<[string, () => TextWidget, string]>([
        ["blank markdown", () => new TextWidget({ markdown: "  ", width: 6, height: 2 }), "TextWidget: markdown is required"],
        ["a height of 0", () => new TextWidget({ markdown: "x", width: 6, height: 0 }), "TextWidget: height must be a whole number 1..1000, received 0"],
        ["a width of 25", () => new TextWidget({ markdown: "x", width: 25, height: 2 }), "TextWidget: width must be a whole number 1..24, received 25"],
      ])("rejects %s", (_, make, message) => expect(make).toThrow(message));
    });
  });

  describe("log-widget", () => {
    const base: LogWidgetProps = {
      title: "Errors",
      region: "eu-west-1",
      logGroupNames: ["/axonflow/test/agent", "/axonflow/test/orchestrator"],
      query: 'fields @timestamp, @message\n| filter level = "error"\n| sort @timestamp desc',
      width: 24,
    };
    const build = (patch: Partial<LogWidgetProps> = {}) => new LogWidget({ ...base, ...patch });

    describe("LogWidget", () => {
      test("renders region, title, view and a query that starts with one SOURCE per log group", () => {
        expect(build().toJson(0, 5)).toEqual({
          type: "log",
          x: 0,
          y: 5,
          width: 24,
          height: 6,
          properties: {
            title: "Errors",
            region: "eu-west-1",
            query: `SOURCE '/axonflow/test/agent' | SOURCE '/axonflow/test/orchestrator' | fields @timestamp, @message\n| filter level = "error"\n| sort @timestamp desc`,
            view: "table",
          },
        });
      });

      test("one command per \\n| line: continuation lines of a multi-line stats are joined", () => {
        const w = build({ logGroupNames: ["/a"], query: "filter x > 0\n| stats avg(x) as a,\n    max(x) as b\n  by model\n| sort a desc", view: "bar" });
        expect(w.toJson(0, 0).properties).toMatchObject({ query: "SOURCE '/a' | filter x > 0\n| stats avg(x) as a, max(x) as b by model\n| sort a desc", view: "bar" });
      });

      test.each<[string, Partial<LogWidgetProps>, string]>([
        ["no log group", { logGroupNames: [] }, "list at least one log group to query"],
        ["a log group name with a space", { logGroupNames: ["/axonflow/my group"] }, 'log group "/axonflow/my group" is not a log group name'],
        ["a log group listed twice", { logGroupNames: ["/a", "/a"] }, "a log group is listed twice"],
        ["an empty query", { query: " \n " }, "the query is empty"],
        ["SOURCE written into the query", { query: "SOURCE '/other' | fields @message" }, "give the log groups in logGroupNames, not as SOURCE in the query"],
        ["a query over 10,000 characters", { query: `fields ${"x".repeat(10_000)}` }, "the query is 10078 characters; allowed: at most 10000"],
        ["a width past the grid", { width: 30 }, "width must be a whole number 1..24, received 30"],
      ])("rejects %s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(`LogWidget "Errors": ${message}`);
      });
    });
  });

  describe("alarm-status-widget", () => {
    const arn = (name: string, region = "eu-west-1") => `arn:aws:cloudwatch:${region}:111122223333:alarm:${name}`;
    const base: AlarmStatusWidgetProps = { title: "Alarms", alarmArns: [arn("a"), arn("b")], width: 12 };
    const build = (patch: Partial<AlarmStatusWidgetProps> = {}) => new AlarmStatusWidget({ ...base, ...patch });

    describe("AlarmStatusWidget", () => {
      test("renders the ARNs in order, sort and state filter", () => {
        expect(build({ sortBy: "stateUpdatedTimestamp", states: ["ALARM", "INSUFFICIENT_DATA"] }).toJson(12, 0)).toEqual({
          type: "alarm",
          x: 12,
          y: 0,
          width: 12,
          height: 6,
          properties: { title: "Alarms", alarms: [arn("a"), arn("b")], sortBy: "stateUpdatedTimestamp", states: ["ALARM", "INSUFFICIENT_DATA"] },
        });
      });

      test("accepts 100 alarms and ARNs of other partitions", () => {
        expect(() => build({ alarmArns: Array.from({ length: 100 }, (_, i) => arn(`a${i}`)) })).not.toThrow();
        expect(() => build({ alarmArns: ["arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:x", "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:y"] })).not.toThrow();
      });

      test.each<[string, Partial<AlarmStatusWidgetProps>, string]>([
        ["no alarms", { alarmArns: [] }, "lists 0 alarms; allowed: 1..100 per widget"],
        ["101 alarms", { alarmArns: Array.from({ length: 101 }, (_, i) => arn(`a${i}`)) }, "lists 101 alarms; allowed: 1..100 per widget"],
        ["an alarm name instead of an ARN", { alarmArns: ["axonflow-test-high-latency"] }, '"axonflow-test-high-latency" is not a CloudWatch alarm ARN'],
        ["an SNS ARN", { alarmArns: ["arn:aws:sns:eu-west-1:111122223333:alerts"] }, '"arn:aws:sns:eu-west-1:111122223333:alerts" is not a CloudWatch alarm ARN'],
        ["a short account id", { alarmArns: ["arn:aws:cloudwatch:eu-west-1:1111:alarm:x"] }, '"arn:aws:cloudwatch:eu-west-1:1111:alarm:x" is not a CloudWatch alarm ARN'],
        ["an ARN listed twice", { alarmArns: [arn("a"), arn("a")] }, "an alarm ARN is listed twice"],
      ])("rejects %s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(`AlarmStatusWidget "Alarms": ${message}`);
      });
    });
  });

  describe("search-expression", () => {
    describe("searchExpression", () => {
      const tokens = new MetricDefinition("AxonFlow/staging", "TokensUsed", "Count", ["Model"]);

      test("quotes the namespace (it has a /), keeps plain dimension names, matches the metric name exactly", () => {
        expect(searchExpression(tokens, "Sum", 300)).toBe(`SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed"', 'Sum', 300)`);
      });

      test("AWS namespaces are quoted too: only letters and digits stay bare", () => {
        const cpu = new MetricDefinition("AWS/EC2", "CPUUtilization", "Percent", ["InstanceId"]);
        expect(searchExpression(cpu, "Average", 60)).toBe(`SEARCH('{"AWS/EC2",InstanceId} MetricName="CPUUtilization"', 'Average', 60)`);
      });

      test("escapes the characters the doc lists for exact matches", () => {
        const odd = new MetricDefinition("NS", 'Traffic(Network)"x\\', "Count", []);
        expect(searchExpression(odd, "Sum", 60)).toBe(`SEARCH('{NS} MetricName="Traffic\\(Network\\)\\"x\\\\"', 'Sum', 60)`);
      });

      test.each<[string, string, number, string]>([
        ["an unknown statistic", "avg", 300, 'statistic "avg" is not a CloudWatch statistic'],
        ["a period below 60", "Sum", 30, "period 30 s is not allowed; allowed: a multiple of 60"],
        ["a period not a multiple of 60", "Sum", 90, "period 90 s is not allowed"],
      ])("rejects %s", (_, stat, period, message) => {
        expect(() => searchExpression(tokens, stat, period)).toThrow(`SEARCH over AxonFlow/staging/TokensUsed: ${message}`);
      });

      test("rejects a query over 1024 characters", () => {
        const long = new MetricDefinition("NS", "M".repeat(1100), "Count", []);
        expect(() => searchExpression(long, "Sum", 60)).toThrow(/query is \d+ characters; allowed: at most 1024/);
      });
    });
  });
});
