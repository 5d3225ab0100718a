import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RegionInfo } from "@aws-cdk/region-info";
import { ALARM_DEFAULTS } from "../../lib/config/alarm-defaults";
import { isKnownRegion, KNOWN_REGIONS, nearestRegions, unknownRegionMessage } from "../../lib/config/aws-regions";
import type { ConfigError } from "../../lib/config/errors";
import { loadAllEnvironments, loadFromText } from "../../lib/config/load";
import { Naming } from "../../lib/naming";
import { escapeRegExp } from "../../lib/regexp";
import { configFrom, FIXTURE_ENVIRONMENTS_DIR, fixtureEnvironment, fixtureEnvironments, problemsFor } from "../support/environments";
import { problemsLoadingAll } from "../support/bad-corpus";
import { resourcesOf, synthesized } from "../support/synth";

describe("configuration", () => {
  describe("config", () => {
    describe("fixture environment files", () => {
      test("production and staging load, named after their files", () => {
        const envs = fixtureEnvironments();
        expect(envs.map((e) => e.name)).toEqual(["production", "staging"]);
        for (const env of envs) expect(env.sourceFile).toMatch(new RegExp(`environments/${env.name}\\.yaml$`));
      });
    });

    describe("defaults", () => {
      test("a minimal file gets the documented defaults", () => {
        const c = configFrom({ alerts: undefined });
        expect(c.logs.retentionDays).toBe(30);
        expect(c.alerts.emails).toEqual([]);
        expect(c.alarms.actionsEnabled).toBe(true);
        expect(c.alarms.errorRate).toMatchObject({
          enabled: true,
          thresholdPercent: 5,
          minRequests: 50,
          periodSeconds: 300,
          evaluationPeriods: 3,
        });
        expect(c.alarms.highLatency).toMatchObject({ enabled: true, thresholdSeconds: 5, periodSeconds: 300, evaluationPeriods: 3 });
        expect(Object.keys(c.services)).toEqual(["agent", "orchestrator", "customer-portal"]);
      });

      test("the default table is what the schema applies", () => {
        const c = configFrom();
        expect(c.alarms.errorRate.thresholdPercent).toBe(ALARM_DEFAULTS.errorRate.thresholdPercent);
        expect(c.alarms.highLatency.thresholdSeconds).toBe(ALARM_DEFAULTS.highLatency.thresholdSeconds);
      });

      test("an override replaces one field and keeps the other defaults", () => {
        const c = configFrom({ alarms: { highLatency: { thresholdSeconds: 2.5 } } });
        expect(c.alarms.highLatency).toMatchObject({ thresholdSeconds: 2.5, evaluationPeriods: 3 });
      });

      test("name defaults to the file stem and may be set explicitly", () => {
        expect(configFrom({}, "environments/eu-prod.yml").name).toBe("eu-prod");
        expect(configFrom({ name: "eu-production" }, "environments/eu-prod.yml").name).toBe("eu-production");
      });
    });

    describe("bad input names the file, the field and what is allowed", () => {
      test.each<[string, Record<string, unknown>, string, RegExp]>([
        ["an unknown top-level key", { alrams: {} }, "alrams", /unknown key; allowed: .*alarms/],
        ["an unknown nested key", { logs: { retention: 30 } }, "logs.retention", /unknown key; allowed: retentionDays/],
        [
          "a retention CloudWatch rejects",
          { logs: { retentionDays: 45 } },
          "logs.retentionDays",
          /45 is not a CloudWatch retention; allowed: 1, 3, 5, 7, 14, 30/,
        ],
        ["a retention of the wrong type", { logs: { retentionDays: "30" } }, "logs.retentionDays", /number/],
        ["a malformed ALB suffix", { alb: { arnSuffix: "my-alb" } }, "alb.arnSuffix", /app\/<name>\/<16 hex digits>.*received "my-alb"/],
        [
          "a full ALB ARN instead of the suffix",
          { alb: { arnSuffix: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef" } },
          "alb.arnSuffix",
          /app\/<name>/,
        ],
        ["a malformed e-mail", { alerts: { emails: ["oncall-at-example.com"] } }, "alerts.emails.0", /e-mail address/],
        ["an account id that is a number", { accountId: 123456789012 }, "accountId", /quoted 12-digit/],
        ["a short account id", { accountId: "12345" }, "accountId", /12-digit AWS account id.*received "12345"/],
        ["a missing region", { region: undefined }, "region", /required/],
        ["a made-up region", { region: "moon-base-1" }, "region", /AWS region/],
        ["a negative minimum volume", { alarms: { errorRate: { minRequests: -1 } } }, "alarms.errorRate.minRequests", />=0/],
        ["a latency threshold of zero", { alarms: { highLatency: { thresholdSeconds: 0 } } }, "alarms.highLatency.thresholdSeconds", />0/],
        [
          "the guide's millisecond-era key",
          { alarms: { highLatency: { threshold: 5000 } } },
          "alarms.highLatency.threshold",
          /unknown key; allowed: .*thresholdSeconds/,
        ],
        [
          "an impossible period",
          { alarms: { highLatency: { periodSeconds: 45 } } },
          "alarms.highLatency.periodSeconds",
          /allowed: 10, 20, 30 or a multiple of 60/,
        ],
        [
          "more datapoints than periods",
          { alarms: { errorRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } } },
          "alarms.errorRate.datapointsToAlarm",
          /exceeds evaluationPeriods/,
        ],
        [
          "an unknown alarm",
          { alarms: { diskFull: {} } },
          "alarms.diskFull",
          /unknown key; allowed: actionsEnabled, errorRate, targetErrorRate, burnRate, targetHealth/,
        ],
        ["an http runbook URL", { runbookBaseUrl: "http://runbooks.example.com" }, "runbookBaseUrl", /https/],
        ["an invalid environment name", { name: "Prod_1" }, "name", /lowercase/],
        [
          "a public service without a target group",
          { services: { agent: { role: "public" } } },
          "services.agent.targetGroupArnSuffix",
          /a public service is behind a target group.*or set role: internal or worker/,
        ],
        [
          "a worker behind a target group",
          { services: { agent: { role: "worker", targetGroupArnSuffix: "targetgroup/axonflow-test-agent/0123456789abcdef" } } },
          "services.agent.targetGroupArnSuffix",
          /a worker service takes no requests from the load balancer; remove it, or set role: public/,
        ],
        [
          "an internal service without a caller",
          {
            services: {
              agent: { targetGroupArnSuffix: "targetgroup/axonflow-test-agent/0123456789abcdef" },
              orchestrator: { role: "internal" },
            },
          },
          "services.orchestrator.calledBy",
          /called by a public service of this file; allowed: agent$/,
        ],
        [
          "a caller that is not a public service",
          {
            services: {
              agent: { targetGroupArnSuffix: "targetgroup/axonflow-test-agent/0123456789abcdef" },
              orchestrator: { role: "internal", calledBy: "billing" },
            },
          },
          "services.orchestrator.calledBy",
          /"billing" is not a public service of this file; allowed: agent$/,
        ],
        [
          "a caller on a service that is not internal",
          { services: { agent: { targetGroupArnSuffix: "targetgroup/axonflow-test-agent/0123456789abcdef", calledBy: "agent" } } },
          "services.agent.calledBy",
          /only an internal service has a caller/,
        ],
        [
          "an unknown log format",
          { services: { agent: { logFormat: "json" } } },
          "services.agent.logFormat",
          /must be one of text, axonflow-json, guide-json/,
        ],
        ["a floor of no tasks", { services: { agent: { minRunningTasks: 0 } } }, "services.agent.minRunningTasks", />=1/],
        [
          "no-traffic on without a schedule",
          { alarms: { noTraffic: { enabled: true } } },
          "alarms.noTraffic.expectedTraffic",
          /needs at least one window.*quiet hour, not a cut\); allowed: a list of \{ fromHourUtc, toHourUtc, days, minRequests \}, or enabled: false/,
        ],
        [
          "the old absolute no-traffic floor",
          { alarms: { noTraffic: { thresholdCount: 1 } } },
          "alarms.noTraffic.thresholdCount",
          /unknown key; allowed: .*expectedTraffic/,
        ],
        [
          "a traffic window that ends before it starts",
          { alarms: { noTraffic: { expectedTraffic: [{ fromHourUtc: 22, toHourUtc: 6, minRequests: 1 }] } } },
          "alarms.noTraffic.expectedTraffic.0.toHourUtc",
          /must be after fromHourUtc \(a window past midnight is two windows/,
        ],
        [
          "overlapping traffic windows",
          {
            alarms: {
              noTraffic: {
                expectedTraffic: [
                  { fromHourUtc: 8, toHourUtc: 12, minRequests: 1 },
                  { fromHourUtc: 11, toHourUtc: 18, days: "weekdays", minRequests: 9 },
                ],
              },
            },
          },
          "alarms.noTraffic.expectedTraffic.1",
          /overlap window 0; allowed: windows that do not overlap/,
        ],
        [
          "unknown traffic days",
          { alarms: { noTraffic: { expectedTraffic: [{ fromHourUtc: 8, toHourUtc: 12, days: "mondays", minRequests: 1 }] } } },
          "alarms.noTraffic.expectedTraffic.0.days",
          /must be one of every-day, weekdays/,
        ],
        [
          "a schedule and no target group to time it",
          { alarms: { noTraffic: { expectedTraffic: [{ fromHourUtc: 8, toHourUtc: 12, minRequests: 1 }] } } },
          "alarms.noTraffic.enabled",
          /needs a public service with a targetGroupArnSuffix/,
        ],
      ])("rejects %s", (_, patch, field, rule) => {
        const problems = problemsFor(patch);
        const mine = problems.filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatch(rule);
      });

      test("more services than the log-shipping policy can name within IAM's 6144 characters: the field, not a crash", () => {
        const services = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`service-${i}`, {}]));
        const problems = problemsFor({ services });
        expect(problems).toEqual([
          expect.stringMatching(
            /^environments\/test\.yaml: services: 40 services make the log-shipping policy \d+ characters; allowed: at most 6144/,
          ),
        ]);
        expect(problemsFor({ services: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`s${i}`, {}])) })).toEqual([]);
      });

      test("broken YAML reports the line", () => {
        const r = loadFromText("environments/broken.yaml", 'accountId: "123\nregion: [us-east-1\n');
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.problems[0]).toMatch(/^environments\/broken\.yaml: line \d+, column \d+: invalid YAML/);
      });

      test("a repeated key is an error, not last-one-wins", () => {
        const r = loadFromText("environments/dup.yaml", "region: us-east-1\nregion: eu-west-1\n");
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.problems).toEqual([
            "environments/dup.yaml: region: line 2, column 1: invalid YAML: the key region appears again (first at line 1); allowed: each key once per mapping",
          ]);
      });

      test("a copied file that kept the original's load balancer, target groups and ECS services is refused, each field named", () => {
        const dir = mkdtempSync(join(tmpdir(), "axonflow-envs-"));
        try {
          const staging = readFileSync(join(FIXTURE_ENVIRONMENTS_DIR, "staging.yaml"), "utf8");
          writeFileSync(join(dir, "staging.yaml"), staging);
          // What the README says to do, but with only the region changed.
          writeFileSync(join(dir, "qa.yaml"), staging.replace(/^region:.*$/m, "region: eu-west-1"));
          const problems = (() => {
            try {
              loadAllEnvironments(dir);
              return [];
            } catch (e) {
              return (e as ConfigError).problems;
            }
          })();
          const staged = fixtureEnvironment("staging");
          // Files load in name order: staging.yaml is the second to claim them.
          const copied = (field: string, what: string, id: string) =>
            `${join(dir, "staging.yaml")}: ${field}: ${id} is also the ${what} of ${join(dir, "qa.yaml")}; ` +
            `allowed: this environment's own (a copied file keeps the original's identifiers)`;
          expect(problems).toEqual([
            copied("alb.arnSuffix", "load balancer", staged.alb.arnSuffix),
            ...Object.entries(staged.services).flatMap(([name, s]) => [
              ...(s.targetGroupArnSuffix ? [copied(`services.${name}.targetGroupArnSuffix`, "target group", s.targetGroupArnSuffix)] : []),
              ...(s.ecsServiceName
                ? [copied(`services.${name}.ecsServiceName`, "ECS service", `${staged.ecs.clusterName}/${s.ecsServiceName}`)]
                : []),
            ]),
          ]);
          expect(problems.length).toBeGreaterThan(3);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      test("every problem of every file is reported at once, and duplicate names are caught", () => {
        const dir = mkdtempSync(join(tmpdir(), "axonflow-envs-"));
        try {
          const good =
            "accountId: '111122223333'\nregion: us-east-1\nalb: {arnSuffix: app/a/0123456789abcdef}\necs: " +
            "{clusterName: c}\npaging: {emails: [p@example.com]}\nrunbookBaseUrl: https://x.example.com\n";
          writeFileSync(join(dir, "alpha.yaml"), good);
          writeFileSync(join(dir, "alpha-copy.yaml"), `name: alpha\n${good}`);
          writeFileSync(join(dir, "beta.yaml"), "accountId: nope\nregion: us-east-1\n");
          const problems = problemsLoadingAll(dir);
          expect(problems).toEqual(
            expect.arrayContaining([
              expect.stringMatching(/alpha(-copy)?\.yaml: name: environment "alpha" is already defined by .*alpha(-copy)?\.yaml/),
              expect.stringMatching(/beta\.yaml: accountId: must be a 12-digit AWS account id/),
              expect.stringMatching(/beta\.yaml: alb: required/),
              expect.stringMatching(/beta\.yaml: ecs: required/),
            ]),
          );
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  });

  describe("aws-regions", () => {
    describe("AWS regions", () => {
      test("the committed list (lib/config/aws-region-names.json) is @aws-cdk/region-info's public RegionInfo.regions (else: npm run schema)", () => {
        expect(KNOWN_REGIONS).toEqual(RegionInfo.regions.map((r) => r.name).sort());
      });

      test.each(["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"])("%s is a region", (r) => {
        expect(isKnownRegion(r)).toBe(true);
      });

      test.each(["eu-wset-1", "us-east-9", "US-EAST-1", "us-east-1a", "europe", ""])("%j is not", (r) => {
        expect(isKnownRegion(r)).toBe(false);
      });

      test("a typo is answered with the nearest real names, closest first", () => {
        expect(nearestRegions("eu-wset-1")[0]).toBe("eu-west-1");
        expect(nearestRegions("us-east-3")).toEqual(expect.arrayContaining(["us-east-1", "us-east-2"]));
        expect(unknownRegionMessage("eu-wset-1")).toMatch(/^"eu-wset-1" is not an AWS region; nearest: eu-west-1, /);
      });

      test("an environment file with a region typo is refused, naming file, field and the nearest regions", () => {
        expect(problemsFor({ region: "eu-wset-1" })).toEqual([
          expect.stringMatching(/^environments\/test\.yaml: region: "eu-wset-1" is not an AWS region; nearest: eu-west-1/),
        ]);
      });
    });
  });

  describe("naming", () => {
    describe("Naming", () => {
      test.each([
        ["staging", ["high-error-rate"], "axonflow-staging-high-error-rate"],
        ["staging", ["log-silence", "agent"], "axonflow-staging-log-silence-agent"],
        // Nothing merged: the service `agent-agent` must not share the alarm of the service `agent`.
        ["staging", ["log-silence", "agent-agent"], "axonflow-staging-log-silence-agent-agent"],
        // The environment's own name is never merged with what follows it.
        ["page", ["page"], "axonflow-page-page"],
        ["alerts", ["alerts"], "axonflow-alerts-alerts"],
        ["prod-page", ["page"], "axonflow-prod-page-page"],
      ])("%s + %j → %s", (env, parts, expected) => expect(new Naming(env).resource(...parts)).toBe(expected));

      test("log groups, dashboard, metric namespace and query folder carry the environment", () => {
        const n = new Naming("qa");
        expect([n.logGroup("agent"), n.dashboard, n.metricNamespace, n.queryName("Error Analysis")]).toEqual([
          "/axonflow/qa/agent",
          "AxonFlow-qa",
          "AxonFlow/qa",
          "AxonFlow/qa/Error Analysis",
        ]);
      });

      test("an environment named like a resource synthesizes, every name inside axonflow-<env>-*", () => {
        const { tf } = synthesized(configFrom({}, "environments/page.yaml"));
        const names = [
          ...Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name),
          ...Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm")).map((a) => a.alarm_name),
          ...Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name),
        ];
        expect(names).toContain("axonflow-page-page");
        expect(names).toContain("axonflow-page-alerts");
        for (const name of names) expect(name).toMatch(/^axonflow-page-/);
      });

      test("services whose keys differ only in hyphens or repeated words get distinct alarms (a fuzz finding: `v` and `v-`)", () => {
        const { tf } = synthesized(
          configFrom({ services: { agent: { writesHeartbeats: true }, "agent-agent": { writesHeartbeats: true } } }),
        );
        const names = Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name);
        expect(names).toEqual(expect.arrayContaining(["axonflow-test-log-silence-agent", "axonflow-test-log-silence-agent-agent"]));
        expect(new Set(names).size).toBe(names.length);
      });

      test.each(["v-", "a--b", "-a"])("the service key %j is rejected: it would name the same resources as its tidy form", (key) => {
        expect(problemsFor({ services: { [key]: {} } })).toEqual([
          expect.stringMatching(
            new RegExp(
              `^environments/test\\.yaml: services\\.${escapeRegExp(key)}: invalid key ` +
                `"${escapeRegExp(key)}": service names are lowercase letters and digits, words joined by single hyphens`,
            ),
          ),
        ]);
      });
    });
  });
});
