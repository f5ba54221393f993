/**
 * When reports hide a post or comment pending review (issue 13): `threshold` distinct reporters whose
 * accounts are at least `minAccountAgeHours` old (Habitica's rule: new accounts' flags do not count, so a
 * burst of fresh accounts cannot take content down). Reports from the author and repeated reports by one
 * account count once at most, and the author's own not at all.
 */
export type ReportRule = { threshold: number; minAccountAgeHours: number };

export const DEFAULT_REPORT_RULE: ReportRule = { threshold: 3, minAccountAgeHours: 24 };

export type Report = { reporterId: number; reporterCreatedAt: Date | string };

export const countingReporters = (reports: readonly Report[], authorId: number, now: Date, rule = DEFAULT_REPORT_RULE): Set<number> => {
  const oldEnough = now.getTime() - rule.minAccountAgeHours * 3_600_000;
  const counted = new Set<number>();
  for (const report of reports) {
    if (report.reporterId === authorId) continue;
    if (new Date(report.reporterCreatedAt).getTime() > oldEnough) continue;
    counted.add(report.reporterId);
  }
  return counted;
};

export const hiddenByReports = (reports: readonly Report[], authorId: number, now: Date, rule = DEFAULT_REPORT_RULE): boolean =>
  countingReporters(reports, authorId, now, rule).size >= rule.threshold;
