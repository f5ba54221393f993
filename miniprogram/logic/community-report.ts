/**
 * The report (举报) sheet: the reasons with their Chinese labels, the optional note with its counter,
 * the body sent, and what the sheet shows after (已举报, or why it failed).
 */
import type { NewReport, ReportReason, ReportTarget } from '../api/paths';
import { communityError } from './community';
import { counter, normalizedText, TEXT_LIMITS, type Counter } from './community-write';

/** The server's REPORT_REASONS with what people read (a test holds the keys to the server's list). */
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: '垃圾广告',
  abuse: '辱骂攻击',
  porn: '色情低俗',
  politics: '政治敏感',
  fraud: '诈骗',
  other: '其他',
};

export const REPORT_REASONS = Object.keys(REPORT_REASON_LABELS) as ReportReason[];

export type ReasonOption = { reason: ReportReason; label: string; chosen: boolean };

export const reasonOptions = (chosen: string): ReasonOption[] => REPORT_REASONS.map((reason) => ({ reason, label: REPORT_REASON_LABELS[reason], chosen: reason === chosen }));

export const isReportReason = (value: unknown): value is ReportReason => typeof value === 'string' && (REPORT_REASONS as string[]).includes(value);

export type ReportCheck = { note: Counter; canSubmit: boolean; blocker: string };

export const checkReport = (reason: string, note: string): ReportCheck => {
  const noteCount = counter(note, TEXT_LIMITS.reportNote);
  const blocker = !isReportReason(reason) ? '请选择举报原因' : noteCount.over ? `补充说明最多 ${TEXT_LIMITS.reportNote} 字` : '';
  return { note: noteCount, canSubmit: blocker === '', blocker };
};

export const reportBody = (targetType: ReportTarget, targetDocumentId: string, reason: ReportReason, note: string): NewReport => {
  const text = normalizedText(note);
  return { targetType, targetDocumentId, reason, ...(text ? { note: text } : {}) };
};

/** What the sheet says when the report failed (muted, 429, gone ...). */
export const reportError = (error: unknown): string => communityError(error);
