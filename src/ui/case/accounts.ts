/**
 * Every account seen in the records (issue #13), from the summaries' author keys (src/vault/author-key.ts): the keys
 * one account shows up under ("x:id:123" and "x:@name") are joined when a record shows them together for one
 * person. The vault's summaries name each account with its own keys (`accounts`; the person capturing, `self`, is
 * left out: it is not someone to assign). For summaries without them (older or hand-built), the flat key list is
 * read: the author's keys come first (id, then handle), then the participants', so
 * - a record with at most one id key and one handle key speaks of one account: its keys are joined;
 * - otherwise only its author's id and handle (the first two keys, when the second is the author's handle) are.
 * Pure.
 */
import type { AccountRef, CaseSummary, Person } from '../../model/case';
import { personIndex } from '../../model/pattern';

export interface SeenAccount {
  /** A stable key for lists (the account's first key, sorted). */
  id: string;
  account: AccountRef;
  /** Display names seen for it (newest record first). */
  names: string[];
  /** Records that name one of its keys. */
  records: number;
  /** The person it is under, if any. */
  personId?: string;
}

const isId = (k: string) => /^[^:]+:id:/.test(k);
const isHandle = (k: string) => /^[^:]+:@/.test(k);

class Groups {
  private parent = new Map<string, string>();
  find(k: string): string {
    let root = this.parent.get(k) ?? k;
    if (!this.parent.has(k)) this.parent.set(k, k);
    while (root !== (this.parent.get(root) ?? root)) root = this.parent.get(root)!;
    // path compression
    let cur = k;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  has(k: string) {
    return this.parent.has(k);
  }
  keys() {
    return [...this.parent.keys()];
  }
}

/** The author's own keys in a summary, when they can be told apart from the participants'. */
function authorKeys(s: CaseSummary): string[] {
  const keys = s.authorKeys;
  if (keys.length === 0) return [];
  const ids = keys.filter(isId).length;
  const handles = keys.filter(isHandle).length;
  if (ids <= 1 && handles <= 1) return keys;
  const handle = s.handle?.trim().replace(/^@/, '').toLowerCase();
  const own = handle ? `${s.platform}:@${handle}` : undefined;
  if (own && keys[0] && isId(keys[0]) && keys[1] === own) return [keys[0], keys[1]];
  if (own && keys[0] === own) return [own];
  return [];
}

/** The keys of the person capturing (their own account in a DM thread). */
function selfKeys(summaries: readonly CaseSummary[]): Set<string> {
  const out = new Set<string>();
  for (const s of summaries) for (const a of s.accounts ?? []) if (a.self) for (const k of a.keys) out.add(k);
  return out;
}

/** A summary's keys that name someone else than the person capturing. */
const othersKeys = (s: CaseSummary, self: ReadonlySet<string>) => (self.size ? s.authorKeys.filter((k) => !self.has(k)) : s.authorKeys);

export function seenAccounts(summaries: readonly CaseSummary[], people: readonly Person[]): SeenAccount[] {
  const groups = new Groups();
  const self = selfKeys(summaries);
  const live = summaries.filter((s) => !s.deleted && othersKeys(s, self).length > 0);
  for (const s of live) {
    for (const k of othersKeys(s, self)) groups.find(k);
    if (s.accounts) {
      for (const a of s.accounts) if (!a.self) for (let i = 1; i < a.keys.length; i++) groups.union(a.keys[0]!, a.keys[i]!);
      continue;
    }
    const own = authorKeys(s);
    for (let i = 1; i < own.length; i++) groups.union(own[0]!, own[i]!);
  }
  const index = personIndex(people);
  // An account already under a person keeps the keys the person holds together.
  for (const p of people)
    for (const i of p.identifiers) {
      const keys = (i.account?.keys ?? []).filter((k) => groups.has(k));
      for (let n = 1; n < keys.length; n++) groups.union(keys[0]!, keys[n]!);
    }
  const byRoot = new Map<string, { keys: Set<string>; names: string[]; records: number; handle?: string }>();
  const entry = (root: string) => {
    let e = byRoot.get(root);
    if (!e) {
      e = { keys: new Set(), names: [], records: 0 };
      byRoot.set(root, e);
    }
    return e;
  };
  for (const k of groups.keys()) entry(groups.find(k)).keys.add(k);
  for (const s of live) {
    const roots = new Set(othersKeys(s, self).map((k) => groups.find(k)));
    for (const r of roots) entry(r).records += 1;
    if (s.accounts) {
      for (const a of s.accounts) {
        // Only accounts counted above: the person capturing may also appear unflagged (as the author of a message
        // they sent), and their keys are left out of the accounts list.
        if (a.self || !a.keys[0] || !groups.has(a.keys[0])) continue;
        const e = entry(groups.find(a.keys[0]));
        if (a.displayName && !e.names.includes(a.displayName)) e.names.push(a.displayName);
        if (!e.handle && a.handle) e.handle = a.handle;
      }
      continue;
    }
    const own = authorKeys(s);
    if (own[0] && groups.has(own[0])) {
      const e = entry(groups.find(own[0]));
      if (s.displayName && !e.names.includes(s.displayName)) e.names.push(s.displayName);
      if (!e.handle && s.handle) e.handle = s.handle.replace(/^@/, '');
    }
  }
  const out: SeenAccount[] = [];
  for (const e of byRoot.values()) {
    const keys = [...e.keys].sort();
    const first = keys[0];
    if (!first) continue;
    const platform = first.slice(0, first.indexOf(':')) as AccountRef['platform'];
    const idKey = keys.find(isId);
    const handleKey = keys.find(isHandle);
    const account: AccountRef = { platform, keys };
    const handle = e.handle ?? handleKey?.slice(handleKey.indexOf(':@') + 2);
    if (handle) account.handle = handle;
    if (idKey) account.accountId = idKey.slice(idKey.indexOf(':id:') + 4);
    if (e.names[0]) account.displayName = e.names[0];
    const a: SeenAccount = { id: first, account, names: e.names, records: e.records };
    const personId = keys.map((k) => index.get(k)).find(Boolean);
    if (personId) a.personId = personId;
    out.push(a);
  }
  return out.sort((a, b) => b.records - a.records || (a.id < b.id ? -1 : 1));
}
