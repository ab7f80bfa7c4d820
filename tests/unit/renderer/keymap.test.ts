import { describe, expect, it } from 'vitest';
import {
  buildLookup,
  chordOfEvent,
  findConflicts,
  isTypingChord,
  normalizeChord,
} from '../../../src/renderer/src/lib/keymap';

const ev = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {},
  code?: string,
) => ({
  key,
  ...(code ? { code } : {}),
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('key chords', () => {
  it('normalises order, case and aliases', () => {
    expect(normalizeChord('shift+ctrl+k')).toBe('Ctrl+Shift+K');
    expect(normalizeChord('Esc')).toBe('Escape');
    expect(normalizeChord('f2')).toBe('F2');
    expect(normalizeChord('Control+Tab')).toBe('Ctrl+Tab');
  });

  it('reads events by physical key so Korean input still matches', () => {
    expect(chordOfEvent(ev('ㅠ', { shiftKey: true }, 'KeyB'))).toBe('Shift+B');
    expect(chordOfEvent(ev('K', { ctrlKey: true, shiftKey: true }, 'KeyK'))).toBe('Ctrl+Shift+K');
    expect(chordOfEvent(ev('F2', {}, 'F2'))).toBe('F2');
    expect(chordOfEvent(ev('Shift', { shiftKey: true }))).toBe('');
  });

  it('finds two actions on one chord, whatever the spelling', () => {
    const c = findConflicts({ 'ticket.buy': 'F2', 'hotkey.buyAtAsk': 'f2', 'ticket.sell': 'F3' });
    expect([...c.entries()]).toEqual([['F2', ['ticket.buy', 'hotkey.buyAtAsk']]]);
    expect(findConflicts({ a: 'F2', b: 'F3' }).size).toBe(0);
  });

  it('looks chords up to actions', () => {
    const l = buildLookup({ 'trading.arm': 'Ctrl+Shift+A', 'trading.disarm': 'Escape' });
    expect(l.get('Ctrl+Shift+A')).toBe('trading.arm');
    expect(l.get('Escape')).toBe('trading.disarm');
  });

  it('knows which chords would swallow typing', () => {
    expect(isTypingChord('Shift+B')).toBe(true);
    expect(isTypingChord('Enter')).toBe(true);
    expect(isTypingChord('Ctrl+K')).toBe(false);
    expect(isTypingChord('F2')).toBe(false);
  });
});
