/** resources/sim/listings.json and its loader. */
import { describe, expect, it } from 'vitest';
import { loadListings, parseListings, resolveSimResourcesDir } from '../../../../../src/main/core/sim';
import { isOnTick } from '../../../../../src/shared/domain/krx';

describe('listings', () => {
  const listings = loadListings();

  it('holds about 40 real KRX listings with the well-known names right', () => {
    expect(listings.length).toBeGreaterThanOrEqual(40);
    const byCode = new Map(listings.map((l) => [l.code, l]));
    expect(byCode.get('005930')).toMatchObject({ name: '삼성전자', market: 'KOSPI', kind: 'stock' });
    expect(byCode.get('000660')?.name).toBe('SK하이닉스');
    expect(byCode.get('035420')?.name).toBe('NAVER');
    expect(byCode.get('035720')?.name).toBe('카카오');
    expect(byCode.get('005380')?.name).toBe('현대차');
    expect(byCode.get('373220')?.name).toBe('LG에너지솔루션');
    expect(byCode.get('207940')?.name).toBe('삼성바이오로직스');
    expect(byCode.get('068270')?.name).toBe('셀트리온');
    expect(byCode.get('247540')).toMatchObject({ name: '에코프로비엠', market: 'KOSDAQ' });
    expect(byCode.get('069500')).toMatchObject({ name: 'KODEX 200', kind: 'etf' });
    for (const l of listings) {
      expect(isOnTick(l.refPrice, l.kind)).toBe(true);
      expect(l.listedShares).toBeGreaterThan(0);
      expect(l.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('rejects broken files with a message naming the listing', () => {
    const row = {
      code: '005930',
      name: '삼성전자',
      nameEn: 'Samsung',
      market: 'KOSPI',
      kind: 'stock',
      listedShares: 1,
    };
    expect(() => parseListings(JSON.stringify({ listings: [{ ...row, refPrice: 97050 }] }))).toThrow(
      /005930.*tick/,
    );
    expect(() =>
      parseListings(
        JSON.stringify({
          listings: [
            { ...row, refPrice: 97000 },
            { ...row, refPrice: 97000 },
          ],
        }),
      ),
    ).toThrow(/duplicate code 005930/);
    expect(() =>
      parseListings(JSON.stringify({ listings: [{ ...row, refPrice: 97000, market: 'NYSE' }] })),
    ).toThrow(/market/);
    expect(() => parseListings('{}')).toThrow(/listings/);
  });

  it('resolves an explicit resources directory and refuses a wrong one', () => {
    const dir = resolveSimResourcesDir();
    expect(resolveSimResourcesDir(dir)).toBe(dir);
    expect(() => resolveSimResourcesDir('/nonexistent')).toThrow(/listings\.json not found/);
  });
});
