/**
 * Key chords ("Ctrl+Shift+K", "F2", "Shift+B") — normalising, matching keyboard events, and
 * finding conflicts in a keymap (two actions on one chord).
 */

export const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;

/** Parts of a chord in canonical order; key names are case-normalised (single letters upper). */
export function normalizeChord(chord: string): string {
  const parts = chord
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  const mods = new Set<string>();
  let key = '';
  for (const p of parts) {
    const lower = p.toLowerCase();
    if (lower === 'ctrl' || lower === 'control' || lower === 'cmdorctrl') mods.add('Ctrl');
    else if (lower === 'alt' || lower === 'option') mods.add('Alt');
    else if (lower === 'shift') mods.add('Shift');
    else if (lower === 'meta' || lower === 'cmd' || lower === 'super') mods.add('Meta');
    else key = normalizeKey(p);
  }
  return [...MODIFIERS.filter((m) => mods.has(m)), key].filter(Boolean).join('+');
}

function normalizeKey(k: string): string {
  if (k.length === 1) return k === ' ' ? 'Space' : k.toUpperCase();
  const lower = k.toLowerCase();
  if (lower === 'esc') return 'Escape';
  if (lower === 'return') return 'Enter';
  if (lower === 'space' || lower === 'spacebar') return 'Space';
  if (/^f\d{1,2}$/.test(lower)) return lower.toUpperCase();
  return k.charAt(0).toUpperCase() + k.slice(1);
}

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** The chord a keyboard event stands for, or '' for a lone modifier press. */
export function chordOfEvent(e: KeyLike): string {
  if (['Control', 'Shift', 'Alt', 'Meta'].includes(e.key)) return '';
  // Letters and digits by physical key so Shift+B is "B" whatever the layout (한/영 included).
  let key = e.key;
  if (e.code && /^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (e.code && /^Digit\d$/.test(e.code)) key = e.code.slice(5);
  const parts: string[] = [];
  if (e.ctrlKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  if (e.shiftKey) parts.push('Shift');
  if (e.metaKey) parts.push('Meta');
  parts.push(normalizeKey(key));
  return parts.join('+');
}

/** Chord → actions bound to it, for chords bound more than once. */
export function findConflicts(keymap: Readonly<Record<string, string>>): Map<string, string[]> {
  const byChord = new Map<string, string[]>();
  for (const [action, chord] of Object.entries(keymap)) {
    if (!chord) continue;
    const c = normalizeChord(chord);
    byChord.set(c, [...(byChord.get(c) ?? []), action]);
  }
  for (const [c, actions] of [...byChord]) if (actions.length < 2) byChord.delete(c);
  return byChord;
}

/** chord → action lookup; the first action wins on conflicts (the editor refuses to save those). */
export function buildLookup(keymap: Readonly<Record<string, string>>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [action, chord] of Object.entries(keymap)) {
    const c = normalizeChord(chord);
    if (c && !m.has(c)) m.set(c, action);
  }
  return m;
}

/** A chord without Ctrl/Alt/Meta and with a printable key would swallow typing in text fields. */
export function isTypingChord(chord: string): boolean {
  const parts = chord.split('+');
  const key = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p === 'Ctrl' || p === 'Alt' || p === 'Meta')) return false;
  return key.length === 1 || key === 'Space' || key === 'Enter' || key === 'Backspace';
}
