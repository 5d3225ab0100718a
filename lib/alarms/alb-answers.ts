import { ALB } from "../metrics/catalog";
import type { MathExpression, MathMetric } from "./math-alarm";

/**
 * The load balancer's answers and the 5xx among them, as metric-math inputs (this alarm, the burn rate, the
 * no-traffic and the load-balancer-error alarms share them). The ALB publishes each count only in periods that had
 * some, so each is FILLed with 0: a period with traffic and no errors is 0 %, not "no value". RequestCount counts
 * the requests for which a target was chosen, its 502s and 504s among them; the 503s of no healthy target are not
 * in it, so they are added to the answers: a total outage is 100 %, not 0/0.
 */
export function albErrorInputs(albArnSuffix: string): {
  readonly requests: MathMetric;
  readonly target5xx: MathMetric;
  readonly elb5xx: MathMetric;
  readonly elb503: MathMetric;
  readonly answers: MathExpression;
  readonly errors: MathExpression;
} {
  const lb = { LoadBalancer: albArnSuffix };
  const requests: MathMetric = { id: "requests", metric: ALB.requestCount.with(lb), stat: "Sum" };
  const target5xx: MathMetric = { id: "target5xx", metric: ALB.target5xx.with(lb), stat: "Sum" };
  const elb5xx: MathMetric = { id: "elb5xx", metric: ALB.elb5xx.with(lb), stat: "Sum" };
  const elb503: MathMetric = { id: "elb503", metric: ALB.elb503.with(lb), stat: "Sum" };
  const answers: MathExpression = {
    id: "answers",
    expression: `FILL(${requests.id}, 0) + FILL(${elb503.id}, 0)`,
    label: "Answers (requests + no-target 503s)",
  };
  const errors: MathExpression = {
    id: "errors",
    expression: `FILL(${target5xx.id}, 0) + FILL(${elb5xx.id}, 0)`,
    label: "5xx (targets + load balancer)",
  };
  return { requests, target5xx, elb5xx, elb503, answers, errors };
}
