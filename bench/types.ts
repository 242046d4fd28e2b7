/** One benchmark scenario's result: calls by service, figures, and the ratio that is judged. */
export interface ScenarioResult {
  scenario: string;
  calls: Record<string, Record<string, number>>;
  figures: Record<string, number>;
  /** The judged figure: wall / floor, or measured / target; ≤ target passes. */
  ratio: number;
  ratioOf: string;
  target: number;
  failures: number;
  throttles?: number;
  peakRssMb?: number;
}
