/** One JSON object a line on stdout: what a log shipper (or `jq`) reads. */
export type HubLog = (event: string, fields?: Record<string, unknown>) => void;

export function jsonLog(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): HubLog {
  return (event, fields = {}) => write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}
