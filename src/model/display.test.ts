import { describe, expect, it } from 'vitest';
import { flagNote, showAuthorLabel, showHandle, showName, showText } from './display';

describe('showName', () => {
  it('leaves ordinary names alone, in any script', () => {
    for (const name of ['Alice A.', 'José Ñúñez', 'Мария Иванова', 'Αλέξης', 'محمد', '山田太郎', 'Kai 👩‍💻']) {
      expect(showName(name)).toEqual({ text: name, flags: [] });
    }
  });

  it('makes every bidi control visible', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      const shown = showName(`ab${String.fromCodePoint(cp)}cd`);
      expect(shown.text).toBe(`ab⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩cd`);
      expect(shown.flags).toEqual(['bidi']);
    }
    expect(showName('evil\u202Egnp.exe').text).toBe('evil⟨U+202E⟩gnp.exe');
  });

  it('makes zero-width and other invisible characters visible', () => {
    for (const cp of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x034f, 0x3164, 0x2800, 0xe0041, 0x0007]) {
      const shown = showName(`a${String.fromCodePoint(cp)}b`);
      expect(shown.text).toBe(`a⟨U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟩b`);
      expect(shown.flags).toEqual(['invisible']);
    }
  });

  it('keeps the joiner inside an emoji sequence but not between letters', () => {
    expect(showName('👩\u200D💻').text).toBe('👩\u200D💻');
    expect(showName('a\u200Db').text).toBe('a⟨U+200D⟩b');
  });

  it('flags a Latin name with Cyrillic or Greek look-alike letters', () => {
    const shown = showName('P\u0430yPal Support');
    expect(shown.text).toBe('P⟨U+0430⟩yPal Support');
    expect(shown.flags).toEqual(['mixed-script', 'lookalike']);
    expect(showName('Micr\u03BFsoft').text).toBe('Micr⟨U+03BF⟩soft');
  });

  it('uses ASCII markers on request (PDF standard fonts)', () => {
    expect(showName('a\u202Eb\u0430c', { ascii: true }).text).toBe('a[U+202E]b[U+0430]c');
  });
});

describe('showHandle', () => {
  it('marks every look-alike in a handle, also when the whole handle is another script', () => {
    expect(showHandle('grimshaw_k')).toEqual({ text: '@grimshaw_k', flags: [] });
    expect(showHandle('@grimsh\u0430w_k')).toEqual({ text: '@grimsh⟨U+0430⟩w_k', flags: ['mixed-script', 'lookalike'] });
    // All Cyrillic "рорс" (looks like "popc").
    expect(showHandle('\u0440\u043E\u0440\u0441')).toEqual({ text: '@⟨U+0440⟩⟨U+043E⟩⟨U+0440⟩⟨U+0441⟩', flags: ['lookalike'] });
    // Fullwidth and mathematical letters.
    expect(showHandle('\uFF50aypal').text).toBe('@⟨U+FF50⟩aypal');
    expect(showHandle('\u{1D429}aypal').text).toBe('@⟨U+1D429⟩aypal');
    expect(showHandle('a\u00A0b').text).toBe('@a⟨U+00A0⟩b');
    expect(showHandle('grim\u200Bshaw').text).toBe('@grim⟨U+200B⟩shaw');
  });

  it('two handles that look the same are shown differently', () => {
    const real = showHandle('grimshaw_k').text;
    for (const fake of ['grimshaw_k\u200B', 'gr\u0456mshaw_k', 'grimshaw\u2060_k', '\u202Dgrimshaw_k']) {
      expect(showHandle(fake).text).not.toBe(real);
    }
  });
});

describe('showAuthorLabel and flagNote', () => {
  it('labels an author like the vault, every part made safe', () => {
    expect(showAuthorLabel({ displayName: 'K. Grimshaw', handle: 'grimshaw_k' }).text).toBe('K. Grimshaw @grimshaw_k');
    const evil = showAuthorLabel({ displayName: 'K.\u202E Grimshaw', handle: 'gr\u0456mshaw_k' });
    expect(evil.text).toBe('K.⟨U+202E⟩ Grimshaw @gr⟨U+0456⟩mshaw_k');
    expect(evil.flags).toEqual(['bidi', 'mixed-script', 'lookalike']);
    expect(showAuthorLabel({ accountId: '12\u200B3' }).text).toBe('12⟨U+200B⟩3');
    expect(showAuthorLabel(undefined).text).toBe('—');
    expect(flagNote(evil.flags)).toBe('hidden direction-changing characters; letters from several alphabets; look-alike letters');
  });
});

describe('showText', () => {
  it('marks bidi controls and invisible characters in captured text, keeps scripts, emoji and line breaks', () => {
    expect(showText('Posted by Mallory \u202Egnp.exe: hi')).toBe('Posted by Mallory ⟨U+202E⟩gnp.exe: hi');
    expect(showText('a\u200Bb\nc\td 👩\u200D💻 Мария мама')).toBe('a⟨U+200B⟩b\nc\td 👩\u200D💻 Мария мама');
    expect(showText('x\u2067y', { ascii: true })).toBe('x[U+2067]y');
    const plain = 'nothing to mark here'.repeat(1000);
    expect(showText(plain)).toBe(plain);
  });
});
