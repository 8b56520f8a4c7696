/**
 * The vault page's link to a pile-on walk-through with accounts ticked (issue #14): the capture's panel asks the
 * background to open `vault.html#/reports/pile-on/<recordId>?accounts=<ids>`. Pure. The ids are author keys taken from
 * a page ("x:@name"): the link carries them encoded, and the vault page treats them as plain ids to match against the
 * record's own accounts (never as markup, never as addresses).
 */

export const PILE_ON_LIMITS = { accounts: 200, idLength: 300, recordId: 100 } as const;

const RECORD_ID = /^[\w-]+$/;

/** Whether a record id may go into the link (the vault's ids: letters, digits, "_" and "-"). */
export function validRecordId(id: unknown): id is string {
  return typeof id === 'string' && id.length > 0 && id.length <= PILE_ON_LIMITS.recordId && RECORD_ID.test(id);
}

/** Only strings, trimmed, none empty or too long, no repeats, at most PILE_ON_LIMITS.accounts of them. */
export function cleanAccountIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) return [];
  const out: string[] = [];
  for (const id of ids) {
    if (typeof id !== 'string') continue;
    const s = id.trim();
    if (!s || s.length > PILE_ON_LIMITS.idLength || out.includes(s)) continue;
    out.push(s);
    if (out.length >= PILE_ON_LIMITS.accounts) break;
  }
  return out;
}

/** The hash of the walk-through (null for a record id that is not one). Each id is encoded twice: the page decodes the path segment once. */
export function pileOnHash(recordId: string, accounts: readonly string[] = []): string | null {
  if (!validRecordId(recordId)) return null;
  const ids = cleanAccountIds(accounts);
  const query = ids.length ? `?accounts=${encodeURIComponent(ids.map(encodeURIComponent).join(','))}` : '';
  return `#/reports/pile-on/${recordId}${query}`;
}

/** The record id and ticked accounts out of the walk-through's path segment, as the vault page's router decoded it once. */
export function parsePileOnArg(arg: string | undefined): { recordId?: string; accounts: string[] } {
  if (!arg) return { accounts: [] };
  const q = arg.indexOf('?');
  const recordId = q < 0 ? arg : arg.slice(0, q);
  const accounts: string[] = [];
  const query = q < 0 ? '' : arg.slice(q + 1);
  const m = /^accounts=(.*)$/.exec(query);
  if (m) {
    for (const part of m[1]!.split(',')) {
      try {
        accounts.push(decodeURIComponent(part));
      } catch {
        /* a broken id is left out */
      }
    }
  }
  return { ...(recordId ? { recordId } : {}), accounts: cleanAccountIds(accounts) };
}
