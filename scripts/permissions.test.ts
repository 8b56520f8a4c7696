/**
 * Issue #14: the README's "Permissions and why" table names exactly the permissions Holdfast asks for. Checked
 * against the manifest wxt.config.ts writes for Chromium and Firefox, and against every built manifest in .output/
 * that is there (release builds, and the test builds' shipping variant .output/test-nogrant/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_PERMISSIONS } from '../src/sites/registry';

const ROOT = resolve(import.meta.dirname, '..');

interface Table {
  api: string[];
  hosts: string[];
  optional: string[];
  /** Firefox's built-in data consent (browser_specific_settings.gecko.data_collection_permissions.optional). */
  dataCollection: string[];
}
interface Asked {
  api: string[];
  hosts: string[];
  optional: string[];
  /** undefined for a manifest without Firefox's settings (Chromium). */
  dataCollection?: string[];
}

/** The permission table under "### Permissions and why": backticked names in the first column. */
function readTable(readme: string): Table {
  const start = readme.indexOf('### Permissions and why');
  if (start < 0) throw new Error('README has no "### Permissions and why" section');
  const rows = readme
    .slice(start)
    .split('\n')
    .slice(1)
    .filter((l, i, all) => l.startsWith('|') && all.slice(0, i).every((p) => p.startsWith('|')));
  const table: Table = { api: [], hosts: [], optional: [], dataCollection: [] };
  for (const row of rows.slice(2)) {
    const first = row.split('|')[1]?.trim() ?? '';
    const names = [...first.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    if (first.startsWith('Firefox data consent')) table.dataCollection.push(...names);
    else if (first.startsWith('host access')) table.hosts.push(...names);
    else if (first.startsWith('optional')) table.optional.push(...names);
    else table.api.push(...names);
  }
  return table;
}

const hostOf = (pattern: string) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '');
const isHost = (p: string) => p.includes('://') || p === '<all_urls>';

/** What a manifest asks for, for Chromium MV3 and Firefox MV2 alike (MV2 lists hosts among its permissions). */
function askedBy(m: Record<string, unknown>): Asked {
  const perms = (m.permissions as string[] | undefined) ?? [];
  const hosts = [...((m.host_permissions as string[] | undefined) ?? []), ...perms.filter(isHost)];
  const optional = [...((m.optional_host_permissions as string[] | undefined) ?? []), ...((m.optional_permissions as string[] | undefined) ?? [])];
  const gecko = (m.browser_specific_settings as { gecko?: { data_collection_permissions?: { optional?: string[] } } } | undefined)?.gecko;
  return { api: perms.filter((p) => !isHost(p)), hosts: hosts.map(hostOf), optional, ...(gecko && { dataCollection: gecko.data_collection_permissions?.optional ?? [] }) };
}

/** Every difference between the table and a manifest, in words (empty when they match). */
function differences(table: Table, asked: Asked): string[] {
  const out: string[] = [];
  const cmp = (what: string, inTable: string[], inManifest: string[]) => {
    for (const p of inManifest) if (!inTable.includes(p)) out.push(`${what} ${p} is asked for but not in the README table`);
    for (const p of inTable) if (!inManifest.includes(p)) out.push(`${what} ${p} is in the README table but not asked for`);
  };
  cmp('permission', table.api, asked.api);
  cmp('host', table.hosts, asked.hosts);
  cmp('optional permission', table.optional, asked.optional);
  if (asked.dataCollection) cmp('optional data collection', table.dataCollection, asked.dataCollection);
  return out;
}

async function manifestFor(browser: 'chrome' | 'firefox'): Promise<Record<string, unknown>> {
  const saved = process.env.HOLDFAST_TEST_GRANT_ALL_URLS;
  delete process.env.HOLDFAST_TEST_GRANT_ALL_URLS;
  try {
    const config = (await import('../wxt.config')).default as { manifest: (env: object) => Record<string, unknown> };
    return config.manifest({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
  } finally {
    if (saved !== undefined) process.env.HOLDFAST_TEST_GRANT_ALL_URLS = saved;
  }
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README permission table', () => {
  it('reads the table: API permissions, site hosts and the optional one', () => {
    const t = readTable(README);
    expect(t.api).toContain('activeTab');
    expect(t.hosts).toEqual(HOST_PERMISSIONS.map(hostOf));
    expect(t.optional).toEqual(['<all_urls>']);
    expect(t.dataCollection).toEqual(['websiteContent']);
  });

  it.each(['chrome', 'firefox'] as const)('matches the %s manifest wxt.config.ts writes', async (browser) => {
    const m = await manifestFor(browser);
    expect(differences(readTable(README), askedBy(m))).toEqual([]);
    // The permissions the issue asks to keep out: a "browsing history" warning for nothing.
    expect(askedBy(m).api).not.toContain('tabs');
  });

  const built = ['.output/chrome-mv3', '.output/firefox-mv2', '.output/test-nogrant/chrome-mv3', '.output/test-nogrant/firefox-mv2'].filter((d) =>
    existsSync(join(ROOT, d, 'manifest.json')),
  );
  it.runIf(built.length > 0)(`matches every built manifest present (${built.join(', ')})`, () => {
    for (const dir of built) {
      const m = JSON.parse(readFileSync(join(ROOT, dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(differences(readTable(README), askedBy(m)), dir).toEqual([]);
    }
  });

  it('names each difference when the table and a manifest disagree (a row too many, one missing, a host changed)', () => {
    const asked: Asked = { api: ['storage', 'alarms'], hosts: ['x.com'], optional: ['<all_urls>'], dataCollection: ['websiteContent', 'healthInfo'] };
    const readme = [
      '### Permissions and why',
      '| permission | why |',
      '|---|---|',
      '| host access to `x.com`, `evil.example` | sites |',
      '| `storage`, `tabs` | vault |',
      '| optional `<all_urls>` | pictures |',
      '| Firefox data consent: optional `websiteContent` | trusted time |',
      '',
      '| `alarms` | a later table is not this one |',
    ].join('\n');
    expect(differences(readTable(readme), asked)).toEqual([
      'permission alarms is asked for but not in the README table',
      'permission tabs is in the README table but not asked for',
      'host evil.example is in the README table but not asked for',
      'optional data collection healthInfo is asked for but not in the README table',
    ]);
    expect(() => readTable('# no such section')).toThrow(/Permissions and why/);
  });
});
