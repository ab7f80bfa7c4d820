/**
 * Instruments and symbol search: code, Korean name, English name and 초성 (initial consonants),
 * so "ㅅㅅㅈㅈ" finds 삼성전자 the way Korean HTS search boxes do.
 */
import { z } from 'zod';
import { StockCode } from './market';

export const Instrument = z.object({
  code: StockCode,
  name: z.string(),
  nameEn: z.string(),
  market: z.enum(['KOSPI', 'KOSDAQ']),
  kind: z.enum(['stock', 'etf', 'etn']),
});
export type Instrument = z.infer<typeof Instrument>;

const CHOSEONG = [
  'ㄱ',
  'ㄲ',
  'ㄴ',
  'ㄷ',
  'ㄸ',
  'ㄹ',
  'ㅁ',
  'ㅂ',
  'ㅃ',
  'ㅅ',
  'ㅆ',
  'ㅇ',
  'ㅈ',
  'ㅉ',
  'ㅊ',
  'ㅋ',
  'ㅌ',
  'ㅍ',
  'ㅎ',
] as const;

/** 삼성전자 → ㅅㅅㅈㅈ; non-Hangul characters are kept (lower-cased). */
export function choseong(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c >= 0xac00 && c <= 0xd7a3) out += CHOSEONG[Math.floor((c - 0xac00) / 588)];
    else out += ch.toLowerCase();
  }
  return out;
}

function isChoseongQuery(q: string): boolean {
  return /^[\u3131-\u314e]+$/.test(q);
}

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

export interface SearchIndexEntry {
  instrument: Instrument;
  name: string;
  nameEn: string;
  initials: string;
}

export function buildSearchIndex(list: readonly Instrument[]): SearchIndexEntry[] {
  return list.map((instrument) => ({
    instrument,
    name: norm(instrument.name),
    nameEn: norm(instrument.nameEn),
    initials: norm(choseong(instrument.name)),
  }));
}

/**
 * Ranked search: exact code, code prefix, name prefix, 초성 prefix, then substring matches.
 * Queries of 초성 only (ㅅㅅㅈㅈ) match against the initials; others against code and names.
 */
export function searchInstruments(
  index: readonly SearchIndexEntry[],
  query: string,
  limit = 20,
): Instrument[] {
  const q = norm(query);
  if (!q) return [];
  const initialsOnly = isChoseongQuery(q);
  const scored: Array<[number, SearchIndexEntry]> = [];
  for (const e of index) {
    const code = e.instrument.code.toLowerCase();
    let score = -1;
    if (initialsOnly) {
      if (e.initials.startsWith(q)) score = 40;
      else if (e.initials.includes(q)) score = 20;
    } else if (code === q) score = 100;
    else if (code.startsWith(q)) score = 80;
    else if (e.name.startsWith(q) || e.nameEn.startsWith(q)) score = 60;
    else if (e.initials.startsWith(q)) score = 40;
    else if (e.name.includes(q) || e.nameEn.includes(q)) score = 30;
    if (score >= 0) scored.push([score, e]);
  }
  scored.sort((a, b) => b[0] - a[0] || a[1].instrument.name.localeCompare(b[1].instrument.name, 'ko'));
  return scored.slice(0, limit).map(([, e]) => e.instrument);
}
