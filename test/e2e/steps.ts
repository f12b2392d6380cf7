/** Wall time of each end-to-end step, printed when the file ends. */
export class StepClock {
  private readonly steps: Array<{ name: string; seconds: number }> = [];

  time<T>(name: string, step: () => T): T {
    const started = performance.now();
    try {
      return step();
    } finally {
      this.steps.push({ name, seconds: (performance.now() - started) / 1000 });
    }
  }

  async timeAsync<T>(name: string, step: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await step();
    } finally {
      this.steps.push({ name, seconds: (performance.now() - started) / 1000 });
    }
  }

  report(title: string): string {
    const width = Math.max(...this.steps.map((step) => step.name.length));
    const lines = this.steps.map((step) => `  ${step.name.padEnd(width)}  ${step.seconds.toFixed(2).padStart(7)} s`);
    return [title, ...lines].join("\n");
  }
}
