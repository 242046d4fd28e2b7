/** One benchmark scenario's result: calls by service, figures, and the ratio that is judged. */
export interface ScenarioResult {
  scenario: string;
  /** Calls the sandbox answered (throttled attempts included), by service and operation. */
  calls: Record<string, Record<string, number>>;
  figures: Record<string, number>;
  /** The judged figure: wall / floor, or measured / target; ≤ target passes. */
  ratio: number;
  ratioOf: string;
  target: number;
  failures: number;
  /** Calls the sandbox answered with its quota's throttling error. */
  throttles?: number;
  /** Wall time of the measured part, ms. */
  wallMs?: number;
  /** The quota floor of the measured part (bench/floor.ts), ms. */
  floorMs?: number;
  /** The phase and quota that set the floor, e.g. "apply: sso-admin assignment completion". */
  binding?: string;
  /** Peak resident set size of the process that ran the scenario (onramp + in-process sandbox). */
  peakRssMb?: number;
  /** Peak RSS target, MB. */
  rssTargetMb?: number;
  /** Free-text observations: the floor's phases, a missing peer, why a target was missed. */
  notes?: string[];
}
