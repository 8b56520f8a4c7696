/** Plain words for report statuses, platforms and origins (issue #14). */
import { type MessageKey, t } from '../../i18n/t';
import type { ReportEntry, ReportStatus } from '../../model/report';
import { platformName, SITE_DESCRIPTORS } from '../../sites/registry';

const STATUS_KEYS: Record<ReportStatus, MessageKey> = {
  sent: 'repuStatusSent',
  acknowledged: 'repuStatusAcknowledged',
  'content-removed': 'repuStatusContentRemoved',
  'no-action': 'repuStatusNoAction',
  appealed: 'repuStatusAppealed',
  escalated: 'repuStatusEscalated',
};

export function statusLabel(status: ReportStatus): string {
  return STATUS_KEYS[status] ? t(STATUS_KEYS[status]) : status;
}

/** The platforms a report can be made to: the supported sites, then "somewhere else". */
export const REPORT_PLATFORMS: readonly ReportEntry['platform'][] = [...SITE_DESCRIPTORS.map((s) => s.platform), 'other'];

export function reportPlatformLabel(platform: ReportEntry['platform']): string {
  if (platform === 'other') return t('repuPlatformOther');
  if (platform === 'web') return t('patternPlatformWeb');
  if (platform === 'added') return t('patternPlatformAdded');
  return platformName(platform);
}

/** The person's local date of a UTC ISO time (YYYY-MM-DD), or the text as it is when it is not a time. */
export function localDay(iso: string | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));
