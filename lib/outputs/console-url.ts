/**
 * The CloudWatch console link to a dashboard in its region. GovCloud and China regions have consoles of
 * their own partition; every other region has a regional host.
 */
export function dashboardConsoleUrl(region: string, dashboardName: string): string {
  const host = region.startsWith("us-gov-") ? "console.amazonaws-us-gov.com" : region.startsWith("cn-") ? "console.amazonaws.cn" : `${region}.console.aws.amazon.com`;
  return `https://${host}/cloudwatch/home?region=${region}#dashboards/dashboard/${encodeURIComponent(dashboardName)}`;
}
