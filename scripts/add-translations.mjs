#!/usr/bin/env node
/**
 * Merges translated messages into public/_locales/<lang>/messages.json.
 *
 *   node scripts/add-translations.mjs translations.json [--check]
 *
 * translations.json: { "pt_BR": { "key": "text" | { "message": "text", ... } }, "fr": { ... } } ("pt" is read as
 * pt_BR), optionally "_source": { "key": "the English text that was translated" } — a key whose English text has
 * changed since is refused as stale (translate it again). Only keys that exist in the English catalogue are taken; their `placeholders` are copied from English, and
 * a text whose $NAME$ placeholders differ from the English ones is refused (listed, not written). French texts get a
 * no-break space before : ; ! ? » and after «, and ’ for an apostrophe. The files are written in the English key order.
 * Prints what was added, changed, skipped (not in English yet) and refused; exits 1 when something was refused.
 * --check: reports without writing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const LOCALES = join(ROOT, 'public', '_locales');
const ALIASES = { pt: 'pt_BR', 'pt-BR': 'pt_BR' };

const [file, ...flags] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/add-translations.mjs translations.json [--check]');
  process.exit(2);
}
const check = flags.includes('--check');

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const en = readJson(join(LOCALES, 'en', 'messages.json'));
const input = readJson(resolve(file));

const placeholders = (text) =>
  [...text.matchAll(/\$([A-Za-z0-9_@]+)\$/g)]
    .map((m) => m[1].toLowerCase())
    .sort()
    .join(',');

function frenchTypography(text) {
  return text
    .replace(/(?<=[\p{L}\p{N}])'(?=[\p{L}\p{N}])/gu, '\u2019')
    .replace(/« /g, '«\u00a0')
    .replace(/ ([:;!?»])/g, '\u00a0$1')
    .replace(/([^\s\u00a0«])([;!?])(?=\s|$)/g, '$1\u00a0$2');
}

const source = input._source ?? {};
delete input._source;
delete input._note;

let refused = 0;
for (const [rawLang, entries] of Object.entries(input)) {
  const lang = ALIASES[rawLang] ?? rawLang;
  const path = join(LOCALES, lang, 'messages.json');
  if (lang === 'en' || !existsSync(path)) {
    console.error(`${rawLang}: no public/_locales/${lang}/messages.json — skipped`);
    continue;
  }
  const catalogue = readJson(path);
  const added = [];
  const changed = [];
  const skipped = [];
  for (const [key, value] of Object.entries(entries)) {
    const base = en[key];
    if (!base) {
      skipped.push(key);
      continue;
    }
    if (key in source && source[key] !== base.message) {
      console.error(`${lang}.${key}: translated from an older English text — refused (now: ${JSON.stringify(base.message)})`);
      refused++;
      continue;
    }
    let message = typeof value === 'string' ? value : value?.message;
    if (typeof message !== 'string' || message.trim() === '') {
      console.error(`${lang}.${key}: empty or not a string — refused`);
      refused++;
      continue;
    }
    if (lang === 'fr') message = frenchTypography(message);
    if (placeholders(message) !== placeholders(base.message)) {
      console.error(`${lang}.${key}: placeholders [${placeholders(message)}] differ from English [${placeholders(base.message)}] — refused`);
      refused++;
      continue;
    }
    const entry = { message };
    if (base.placeholders) entry.placeholders = base.placeholders;
    if (!catalogue[key]) added.push(key);
    else if (catalogue[key].message !== message) changed.push(key);
    catalogue[key] = entry;
  }
  const ordered = {};
  for (const key of Object.keys(en)) if (catalogue[key]) ordered[key] = catalogue[key];
  for (const key of Object.keys(catalogue)) if (!(key in ordered)) ordered[key] = catalogue[key];
  const missing = Object.keys(en).filter((k) => !catalogue[k]);
  console.log(
    `${lang}: ${added.length} added, ${changed.length} changed, ${skipped.length} not in English yet${skipped.length ? ` (${skipped.join(', ')})` : ''}; ${missing.length} English keys still missing${missing.length ? ` (${missing.join(', ')})` : ''}`,
  );
  if (!check) writeFileSync(path, `${JSON.stringify(ordered, null, 2)}\n`);
}
process.exit(refused > 0 ? 1 : 0);
