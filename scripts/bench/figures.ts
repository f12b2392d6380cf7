/** What a kit run reports to the bench. */
export interface KitFigures {
  readonly resources: number;
  readonly synthMs: number;
  readonly synthPeakRssBytes: number;
  readonly checkMs: number;
  readonly rules: number;
  readonly mandatoryViolations: number;
}

/** What a floor run reports: the same registrations with no kit logic. */
export interface FloorFigures {
  readonly resources: number;
  readonly registerMs: number;
  readonly peakRssBytes: number;
}
