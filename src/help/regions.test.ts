import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP_KINDS, HELP_TOPICS, INTL, REGIONS } from './regions';

const ROOT = resolve(import.meta.dirname, '..', '..');
const catalogue = (lang: string) => JSON.parse(readFileSync(resolve(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const TODAY = new Date().toISOString().slice(0, 10);
const all = REGIONS.flatMap((r) => r.entries.map((e) => ({ region: r.code, e })));

/** The regions the issue names, and every Spanish-speaking country of Latin America. */
const REQUIRED = ['US', 'GB', 'IE', 'CA', 'AU', 'ES', 'EC', 'MX', 'AR', 'CO', 'CL', 'PE', 'UY', 'PY', 'BO', 'CR', 'CU', 'DO', 'GT', 'HN', 'NI', 'PA', 'SV', 'VE', 'PR', INTL];

const isHttps = (u: string) => {
  try {
    const url = new URL(u);
    return url.protocol === 'https:' && !!url.hostname && !url.username && !url.password;
  } catch {
    return false;
  }
};

describe('help by region (data)', () => {
  it('has every required region, each once, with ISO codes or INTL', () => {
    const codes = REGIONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of REQUIRED) expect(codes).toContain(code);
    for (const code of codes) expect(code).toMatch(/^([A-Z]{2}|INTL)$/);
  });

  it('every entry names an https source and, when it has one, an https site', () => {
    for (const { region, e } of all) {
      expect(isHttps(e.source), `${region} ${e.name}: source ${e.source}`).toBe(true);
      if (e.url !== undefined) expect(isHttps(e.url), `${region} ${e.name}: url ${e.url}`).toBe(true);
      // Something to act on: a number or a site.
      expect((e.phones?.length ?? 0) + (e.url ? 1 : 0), `${region} ${e.name}`).toBeGreaterThan(0);
    }
  });

  it('every checked date is a real YYYY-MM-DD day, not in the future', () => {
    for (const { region, e } of all) {
      expect(e.checked, `${region} ${e.name}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const d = new Date(`${e.checked}T00:00:00Z`);
      expect(Number.isNaN(d.getTime())).toBe(false);
      expect(d.toISOString().slice(0, 10), `${region} ${e.name}: ${e.checked} is not a calendar day`).toBe(e.checked);
      expect(e.checked <= TODAY, `${region} ${e.name}: checked ${e.checked} is after today`).toBe(true);
    }
  });

  it('phone numbers are digits, spaces and a leading + only (they become tel: links)', () => {
    for (const { region, e } of all)
      for (const p of e.phones ?? []) {
        expect(p.number, `${region} ${e.name}`).toMatch(/^\+?[0-9][0-9 ]*[0-9]$|^[0-9]$/);
        expect(p.number).not.toMatch(/ {2}/);
        if (p.keyword !== undefined) expect(p.how).toBe('text');
      }
  });

  it('every region has an emergency number (police) first, and the three platforms’ safety centres', () => {
    for (const r of REGIONS) {
      const first = r.entries[0]!;
      expect(first.emergency, r.code).toBe(true);
      expect(first.kind).toBe('police');
      expect(first.phones?.length, r.code).toBeGreaterThan(0);
      const platforms = r.entries.filter((e) => e.kind === 'platform').map((e) => new URL(e.url!).hostname);
      expect(platforms, r.code).toEqual(expect.arrayContaining(['help.x.com', 'about.instagram.com', 'about.meta.com']));
    }
  });

  it('no region lists the same name twice; kinds and topics are known ones', () => {
    for (const r of REGIONS) {
      const names = r.entries.map((e) => e.name);
      expect(new Set(names).size, `${r.code}: ${names.join(' | ')}`).toBe(names.length);
      for (const e of r.entries) {
        expect(HELP_KINDS).toContain(e.kind);
        expect(e.topics.length).toBeGreaterThan(0);
        for (const topic of e.topics) expect(HELP_TOPICS).toContain(topic);
        expect(e.name.trim()).toBe(e.name);
        expect(e.name.length).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the numbers the issue and the shared notes name (a typo here would send a person to a stranger)', () => {
    const numbers = (code: string) => REGIONS.find((r) => r.code === code)!.entries.flatMap((e) => (e.phones ?? []).map((p) => p.number.replace(/ /g, '')));
    expect(numbers('US')).toEqual(expect.arrayContaining(['911', '18006564673', '18007997233', '18448782274']));
    expect(numbers('GB')).toEqual(expect.arrayContaining(['999', '101', '08088020300', '03456000459']));
    expect(numbers('AU')).toEqual(expect.arrayContaining(['000', '1800737732']));
    expect(numbers('ES')).toEqual(expect.arrayContaining(['112', '016']));
    expect(numbers('MX')).toEqual(expect.arrayContaining(['911', '079']));
    expect(numbers('EC')).toEqual(expect.arrayContaining(['911', '1800335486']));
    expect(numbers('IE')).toContain('112');
    expect(numbers('CA')).toContain('911');
  });

  it('every note is a message in English and Spanish; every help message has both, with the same placeholders', () => {
    const en = catalogue('en');
    const es = catalogue('es');
    const notes = new Set(all.flatMap(({ e }) => (e.note ? [e.note] : [])));
    expect(notes.size).toBeGreaterThan(10);
    for (const key of notes) {
      expect(key).toMatch(/^helpNote/);
      expect(en[key]?.message, key).toBeTruthy();
      expect(es[key]?.message, key).toBeTruthy();
    }
    const helpKeys = (c: Record<string, unknown>) => Object.keys(c).filter((k) => k.startsWith('help')).sort();
    expect(helpKeys(es)).toEqual(helpKeys(en));
    const placeholders = (m: { message: string }) => [...m.message.matchAll(/\$([A-Z_]+)\$/g)].map((x) => x[1]).sort();
    for (const key of helpKeys(en)) expect(placeholders(es[key]!), key).toEqual(placeholders(en[key]!));
  });
});
