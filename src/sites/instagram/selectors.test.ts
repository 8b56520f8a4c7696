// @vitest-environment happy-dom
/**
 * Convention checks for the Instagram selector registry: each selector matches in every replica page it names,
 * the table at the top of selectors.ts lists every key, and adapter.ts takes its CSS only from the registry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instagramAdapter } from './adapter';
import { selectors, words } from './selectors';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'replicas', instagramAdapter.fixtureDir);
const parsed = new Map<string, Document>();
function doc(file: string): Document {
  let d = parsed.get(file);
  if (!d) {
    d = new DOMParser().parseFromString(readFileSync(join(FIXTURES, file), 'utf8'), 'text/html');
    parsed.set(file, d);
  }
  return d;
}

describe('Instagram selector registry', () => {
  const entries = Object.entries(selectors);

  it('is the registry the adapter exposes', () => {
    expect(instagramAdapter.selectors).toBe(selectors);
    expect(entries.length).toBeGreaterThan(20);
  });

  for (const [key, entry] of entries) {
    it(`${key} matches in each fixture it names`, () => {
      expect(entry.fixtures.length, `${key} names no fixture`).toBeGreaterThan(0);
      expect(entry.purpose).not.toBe('');
      for (const file of entry.fixtures) {
        expect(existsSync(join(FIXTURES, file)), `${file} exists`).toBe(true);
        expect(doc(file).querySelectorAll(entry.css).length, `${key} in ${file}`).toBeGreaterThan(0);
      }
    });
  }

  it('never keys on generated class names', () => {
    for (const [key, entry] of entries) expect(entry.css, key).not.toMatch(/\.(x[0-9a-z]{5,}|_a[0-9a-z]{2,})/);
  });

  it('lists every key in the table at the top of selectors.ts', () => {
    const source = readFileSync(join(__dirname, 'selectors.ts'), 'utf8');
    const table = source.slice(0, source.indexOf('*/'));
    for (const key of Object.keys(selectors)) expect(table, key).toMatch(new RegExp(`\\| ${key}\\s+\\|`));
  });

  it('keeps translated words for English, Spanish and Portuguese', () => {
    expect(words.loadMoreComments).toEqual(['Load more comments', 'Cargar más comentarios', 'Carregar mais comentários']);
    for (const list of [words.conversationLabelPrefixes, words.hideReplies, words.unavailable, words.unsent, words.play, words.reaction, words.privateAccount]) {
      expect(list.length).toBeGreaterThanOrEqual(3);
    }
    expect(words.viewReplies.some((re) => re.test('View replies (3)'))).toBe(true);
    expect(words.viewReplies.some((re) => re.test('Ver respuestas (3)'))).toBe(true);
    expect(words.viewReplies.some((re) => re.test('Ver respostas (12)'))).toBe(true);
    expect(words.profilePictureAlt.every((re) => !re.test('Photo by Ryan Vance on March 03, 2026.'))).toBe(true);
    // Grid tile icons (profile with posts): whole labels only, so a caption-like label is never taken for one.
    const kinds = (label: string) => (['gridPinned', 'gridCarousel', 'gridReel', 'gridVideo'] as const).filter((k) => words[k].some((re) => re.test(label)));
    expect(['Pinned post icon', 'Icono de publicación fijada', 'Ícone de publicação fixada'].map(kinds)).toEqual([['gridPinned'], ['gridPinned'], ['gridPinned']]);
    expect(['Carousel', 'Secuencia', 'Carrossel'].map(kinds)).toEqual([['gridCarousel'], ['gridCarousel'], ['gridCarousel']]);
    expect(['Clip', 'Reel', 'Clipe', 'Video', 'Vídeo'].map(kinds)).toEqual([['gridReel'], ['gridReel'], ['gridReel'], ['gridVideo'], ['gridVideo']]);
    expect(['Pinned by the owner of the fan page', 'Carousel of lies', 'Loading...'].map(kinds)).toEqual([[], [], []]);
  });

  it('is the only source of CSS in adapter.ts and profile-posts.ts', () => {
    for (const file of ['adapter.ts', 'profile-posts.ts']) {
      const source = readFileSync(join(__dirname, file), 'utf8');
      expect(source, file).not.toMatch(/(?:querySelector(?:All)?|closest|matches)\(\s*['"`]/);
      expect(source, file).not.toMatch(/qsa\([^,()]+,\s*['"]/);
    }
  });
});
