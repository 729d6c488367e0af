// Where "now" comes from for the API and the runtime: the system clock in production, Temporal's time-skipping
// clock in simulation mode, which an administrator may also move forward.
export interface Clock {
  now(): Promise<Date>;
}

export interface Simulation {
  advance(ms: number): Promise<Date>;
}
