/** Watchlist group edits as pure functions over the settings' watchlists. */
import type { Watchlist } from '../../../shared/contract';

export function addCode(lists: readonly Watchlist[], id: string, code: string): Watchlist[] {
  return lists.map((w) => (w.id === id && !w.codes.includes(code) ? { ...w, codes: [...w.codes, code] } : w));
}

export function removeCode(lists: readonly Watchlist[], id: string, code: string): Watchlist[] {
  return lists.map((w) => (w.id === id ? { ...w, codes: w.codes.filter((c) => c !== code) } : w));
}

export function reorderCodes(lists: readonly Watchlist[], id: string, codes: readonly string[]): Watchlist[] {
  return lists.map((w) => {
    if (w.id !== id) return w;
    const known = codes.filter((c) => w.codes.includes(c));
    const rest = w.codes.filter((c) => !known.includes(c));
    return { ...w, codes: [...known, ...rest] };
  });
}

export function addGroup(lists: readonly Watchlist[], name: string): { lists: Watchlist[]; id: string } {
  let n = lists.length + 1;
  let id = `g${n}`;
  while (lists.some((w) => w.id === id)) id = `g${++n}`;
  return { lists: [...lists, { id, name: name.slice(0, 40) || id, codes: [] }], id };
}

export function renameGroup(lists: readonly Watchlist[], id: string, name: string): Watchlist[] {
  const n = name.trim().slice(0, 40);
  if (!n) return [...lists];
  return lists.map((w) => (w.id === id ? { ...w, name: n } : w));
}

/** The last group cannot go (settings require at least one). */
export function removeGroup(lists: readonly Watchlist[], id: string): Watchlist[] {
  if (lists.length <= 1) return [...lists];
  return lists.filter((w) => w.id !== id);
}
