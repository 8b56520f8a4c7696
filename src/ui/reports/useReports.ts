/** The report entries as one page reads them (issue #14), and telling the background when reminders may have changed. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '../../messaging/client';
import type { ReportEntry } from '../../model/report';
import { remindersOf } from '../../reporting/reminders';
import type { Vault } from '../../vault/api';
import { errText } from './labels';

export interface ReportsState {
  reports: ReportEntry[] | null;
  error: string | null;
  reload(): Promise<ReportEntry[] | null>;
}

/** `key`: read again when it changes (the page's route: a change made on one view shows on the next). */
export function useReports(vault: Vault, key = ''): ReportsState {
  const [reports, setReports] = useState<ReportEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const list = await vault.reports();
      setReports(list);
      setError(null);
      return list;
    } catch (err) {
      setReports((r) => r ?? []);
      setError(errText(err));
      return null;
    }
  }, [vault]);
  useEffect(() => {
    void reload();
  }, [reload, key]);
  return { reports, error, reload };
}

/**
 * After a change: the background makes its reminder alarms match every report's reminder (ids and times only).
 * Best effort: a reminder the background could not take is set again at the next change.
 */
export async function tellReminders(vault: Vault): Promise<void> {
  try {
    const reminders = remindersOf(await vault.reports());
    await sendToBackground({ type: 'reports:reminders', reminders });
  } catch {
    /* no background (tests) or a locked vault: nothing to schedule now */
  }
}
