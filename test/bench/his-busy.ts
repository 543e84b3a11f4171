/**
 * The synthetic job the HIS benches run beside the processor when a
 * station's background jobs run (his-server.ts): this much synchronous work
 * a run, this often, as a KPI roll-up or an SLA tick of a busy day would
 * hold the event loop. Its own module: the bench reads it without loading
 * the server.
 */
export const BUSY_MS = 5;
export const BUSY_EVERY_MS = 100;
