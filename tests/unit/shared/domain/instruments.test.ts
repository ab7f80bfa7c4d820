import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  choseong,
  searchInstruments,
  type Instrument,
} from '../../../../src/shared/domain/instruments';

const list: Instrument[] = [
  { code: '005930', name: '삼성전자', nameEn: 'Samsung Electronics', market: 'KOSPI', kind: 'stock' },
  { code: '005935', name: '삼성전자우', nameEn: 'Samsung Electronics Pref', market: 'KOSPI', kind: 'stock' },
  { code: '028260', name: '삼성물산', nameEn: 'Samsung C&T', market: 'KOSPI', kind: 'stock' },
  { code: '000660', name: 'SK하이닉스', nameEn: 'SK hynix', market: 'KOSPI', kind: 'stock' },
  { code: '035720', name: '카카오', nameEn: 'Kakao', market: 'KOSPI', kind: 'stock' },
];
const index = buildSearchIndex(list);
const codes = (q: string) => searchInstruments(index, q).map((i) => i.code);

describe('choseong', () => {
  it('turns Hangul syllables into their initial consonants', () => {
    expect(choseong('삼성전자')).toBe('ㅅㅅㅈㅈ');
    expect(choseong('SK하이닉스')).toBe('skㅎㅇㄴㅅ');
    expect(choseong('까치')).toBe('ㄲㅊ');
  });
});

describe('symbol search', () => {
  it('finds 삼성전자 by 초성 first', () => {
    expect(codes('ㅅㅅㅈㅈ')).toEqual(['005930', '005935']);
    expect(codes('ㅅㅅ')[0]).toBe('028260');
  });

  it('matches codes exactly and by prefix, names in Korean and English, ignoring case and spaces', () => {
    expect(codes('005930')[0]).toBe('005930');
    expect(codes('0059')).toEqual(['005930', '005935']);
    expect(codes('카카')).toEqual(['035720']);
    expect(codes('samsung c')).toEqual(['028260']);
    expect(codes('HYNIX')).toEqual(['000660']);
    expect(codes('하이닉스')).toEqual(['000660']);
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(codes('  ')).toEqual([]);
    expect(searchInstruments(index, '0', 2)).toHaveLength(2);
  });
});
