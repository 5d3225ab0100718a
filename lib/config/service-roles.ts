/**
 * What a service is in the request path; the role, not the name, decides its alarms and how the replay models it.
 * - public: behind a target group of the load balancer (AxonFlow's agent, the customer portal);
 * - internal: called by another service of the file, not through the load balancer (the orchestrator);
 * - worker: takes no requests (batch jobs, queue consumers).
 */
export const SERVICE_ROLES = ["public", "internal", "worker"] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];
