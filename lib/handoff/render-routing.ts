import type { AlarmEntry } from "../inventory/alarm-entry";
import type { StackInventory } from "../inventory/stack-inventory";

/**
 * Who hears what: each route (the page composite, the alerts topic) with its topic and subscribers, and for each
 * alarm where its ALARM goes. Read from the synthesized resources, so it cannot disagree with them.
 */
export function routingLines(
  inv: StackInventory,
  table: (header: string[], rows: string[][]) => string[],
  code: (s: string) => string,
): string[] {
  const subscribers = (topic: string) => {
    const t = inv.topics.find((x) => x.name === topic);
    if (!t || t.subscribers.length === 0) return "nobody yet (no subscription)";
    return t.subscribers
      .map((s) => `${code(s.endpoint)} (${s.protocol}${s.needsConfirmation ? ", confirm from the mailbox" : ""})`)
      .join(", ");
  };
  const topicsOf = (a: AlarmEntry): readonly string[] => a.notifies.topics;
  const routes = inv.alarms.filter((a) => topicsOf(a).length > 0);
  const byTopic = new Map<string, AlarmEntry[]>();
  for (const a of routes) for (const t of topicsOf(a)) byTopic.set(t, [...(byTopic.get(t) ?? []), a]);
  const rows = [...byTopic.entries()].map(([topic, alarms]) => {
    const severities = [...new Set(alarms.map((a) => a.severity))].sort().join(", ");
    const names = alarms.length <= 3 ? alarms.map((a) => code(a.name)).join(", ") : `${alarms.length} alarms (below)`;
    return [severities, names, code(topic), subscribers(topic)];
  });
  // A paging route is a topic that only page-severity alarms notify; without one they share the alerts topic.
  const pages = [...byTopic.values()].some((alarms) => alarms.every((a) => a.severity === "page"));
  return [
    pages
      ? "Page-severity alarms page through the page composite, which changes state once per " +
        "incident and notifies the paging topic; each also notifies the alerts topic itself, so " +
        "a second incident while a page is open still reaches someone, by name. Everything else " +
        "notifies the alerts topic. Alerts go on ALARM and on recovery."
      : "This environment has no paging route: every alarm, page severity included, notifies the alerts topic as a ticket.",
    "E-mail subscriptions deliver nothing until confirmed from each mailbox after the first " +
      "deploy (`aws sns list-subscriptions-by-topic` shows `PendingConfirmation`).",
    "",
    ...table(["Severity", "Alarm", "Topic", "Subscribers"], rows),
    "",
    ...table(
      ["Alarm", "Severity", "On ALARM"],
      inv.alarms.map((a) => [code(a.name), a.severity, notifiesText(a, code)]),
    ),
  ];
}

function notifiesText(a: AlarmEntry, code: (s: string) => string): string {
  const n = a.notifies;
  const topics = n.topics.length > 0 ? `topic ${n.topics.map(code).join(", ")}` : undefined;
  const via = n.via !== undefined ? `through ${code(n.via)}` : undefined;
  const where = [via, topics].filter((w) => w !== undefined).join(", and ") || "nobody (no actions)";
  return n.actionsEnabled ? where : `${where}, actions disabled: nobody`;
}
