/** Per-operation call counts, so tests and benchmarks can count what a command really called. */
export type CallCounts = Record<string, Record<string, number>>;

export class CallCounter {
  private counts: CallCounts = {};

  count(service: string, operation: string): void {
    if (!this.counts[service]) this.counts[service] = {};
    const s = this.counts[service];
    s[operation] = (s[operation] ?? 0) + 1;
  }

  snapshot(): CallCounts {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = {};
  }

  /** Total calls to a service, or to every service. */
  total(service?: string): number {
    const services = service ? [this.counts[service] ?? {}] : Object.values(this.counts);
    return services.reduce((n, ops) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);
  }
}
