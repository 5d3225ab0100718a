/**
 * `parse` commands reading the shared logger's JSON fields out of a line. Logs Insights discovers JSON fields only
 * in an event that is JSON throughout, and the shared logger's lines start with Go's date; a regex parse reads
 * them either way, and leaves them empty on the service's plain-text lines.
 */
export const parseJsonString = (field: string): string => `parse @message /"${field}":"(?<${field}>[^"]*)"/`;
export const parseJsonNumber = (field: string): string => `parse @message /"${field}":(?<${field}>[0-9.]+)/`;
