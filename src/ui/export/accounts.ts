/** The accounts found in a vault's records, for choosing "one person" in the export dialog. Pure. */
import type { Author, EvidenceRecord, Platform } from '../../model/evidence';
import type { PersonAccount } from '../../export/format';

export interface AccountChoice {
  key: string;
  platform: Platform;
  handle?: string;
  accountId?: string;
  names: string[];
  captures: number;
  account: PersonAccount;
}

/** One choice per platform account (by id when the page showed one, else by handle), most captured first. */
export function accountsIn(records: readonly EvidenceRecord[]): AccountChoice[] {
  const byKey = new Map<string, AccountChoice>();
  const add = (platform: Platform, person: Author | undefined) => {
    if (!person) return;
    const handle = person.handle?.trim().replace(/^@/, '') || undefined;
    const accountId = person.accountId?.trim() || undefined;
    if (!handle && !accountId) return;
    const key = `${platform}|${accountId ? `id:${accountId}` : `@${handle!.toLowerCase()}`}`;
    let choice = byKey.get(key);
    if (!choice) {
      choice = {
        key,
        platform,
        ...(handle !== undefined && { handle }),
        ...(accountId !== undefined && { accountId }),
        names: [],
        captures: 0,
        account: { platform, ...(handle !== undefined && { handle }), ...(accountId !== undefined && { accountId }) },
      };
      byKey.set(key, choice);
    }
    if (!choice.handle && handle) {
      choice.handle = handle;
      choice.account.handle = handle;
    }
    if (person.displayName && !choice.names.includes(person.displayName)) choice.names.push(person.displayName);
    return choice;
  };
  for (const r of records) {
    if (r.deleted) continue;
    const seen = new Set<AccountChoice>();
    for (const person of [r.author, ...(r.content?.participants ?? [])]) {
      const choice = add(r.platform, person);
      if (choice && !seen.has(choice)) {
        seen.add(choice);
        choice.captures += 1;
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.captures - a.captures || a.key.localeCompare(b.key));
}

/** Local calendar days (from the date inputs) to the UTC instants the scope uses: [from 00:00, day after `to` 00:00). */
export function localDaysToUtc(from: string, to: string): { from?: string; to?: string } {
  const start = from ? new Date(`${from}T00:00:00`) : undefined;
  const endDay = to ? new Date(`${to}T00:00:00`) : undefined;
  if (endDay) endDay.setDate(endDay.getDate() + 1);
  return {
    ...(start && !Number.isNaN(start.getTime()) && { from: start.toISOString() }),
    ...(endDay && !Number.isNaN(endDay.getTime()) && { to: endDay.toISOString() }),
  };
}
