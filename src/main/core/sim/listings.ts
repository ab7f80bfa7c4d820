/**
 * The simulated KRX listings (resources/sim/listings.json): real codes and names, approximate
 * late-2025 reference prices used as "previous close" on the simulator's first day.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isOnTick, isPlausibleCode, type InstrumentKind, type MarketCode } from '../../../shared/domain/krx';

export interface SimListing {
  code: string;
  /** Korean name as KIS shows it (hts_kor_isnm). */
  name: string;
  nameEn: string;
  market: MarketCode;
  kind: Extract<InstrumentKind, 'stock' | 'etf'>;
  /** Previous close on the simulator's first day, on the tick grid. */
  refPrice: number;
  listedShares: number;
}

export const LISTINGS_FILE = 'listings.json';

/** Checks one raw listing record; throws with the offending code so a broken file is easy to fix. */
export function validateListing(raw: unknown, index: number): SimListing {
  const r = raw as Partial<Record<keyof SimListing, unknown>>;
  const where = `listing #${index} (${String(r?.code ?? '?')})`;
  if (typeof r?.code !== 'string' || !isPlausibleCode(r.code))
    throw new Error(`${where}: code must be 6 chars [0-9A-Z]`);
  if (typeof r.name !== 'string' || r.name.length === 0) throw new Error(`${where}: name missing`);
  if (typeof r.nameEn !== 'string') throw new Error(`${where}: nameEn missing`);
  if (r.market !== 'KOSPI' && r.market !== 'KOSDAQ')
    throw new Error(`${where}: market must be KOSPI or KOSDAQ`);
  if (r.kind !== 'stock' && r.kind !== 'etf') throw new Error(`${where}: kind must be stock or etf`);
  if (typeof r.refPrice !== 'number' || !isOnTick(r.refPrice, r.kind))
    throw new Error(`${where}: refPrice ${String(r.refPrice)} is not on the KRX tick grid`);
  if (typeof r.listedShares !== 'number' || r.listedShares <= 0)
    throw new Error(`${where}: listedShares must be > 0`);
  return {
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    market: r.market,
    kind: r.kind,
    refPrice: r.refPrice,
    listedShares: r.listedShares,
  };
}

export function parseListings(json: string): SimListing[] {
  const doc = JSON.parse(json) as { listings?: unknown };
  if (!Array.isArray(doc.listings)) throw new Error('listings.json: top-level "listings" array missing');
  const list = doc.listings.map((row, i) => validateListing(row, i));
  const seen = new Set<string>();
  for (const l of list) {
    if (seen.has(l.code)) throw new Error(`listings.json: duplicate code ${l.code}`);
    seen.add(l.code);
  }
  return list;
}

/**
 * Finds resources/sim. Order: explicit dir, then walking up from this module (works from
 * src/main/core/sim under tsx/vitest and from the bundle in out/main/), then the cwd.
 */
export function resolveSimResourcesDir(explicitDir?: string): string {
  if (explicitDir) {
    if (!existsSync(join(explicitDir, LISTINGS_FILE)))
      throw new Error(
        `Simulator resources: ${join(explicitDir, LISTINGS_FILE)} not found (resourcesDir option)`,
      );
    return explicitDir;
  }
  const candidates: string[] = [];
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 7; i++) {
      candidates.push(join(dir, 'resources', 'sim'));
      dir = dirname(dir);
    }
  } catch {
    // import.meta.url unavailable (e.g. a CJS bundle); fall through to the cwd.
  }
  candidates.push(resolve(process.cwd(), 'resources', 'sim'));
  for (const c of candidates) if (existsSync(join(c, LISTINGS_FILE))) return c;
  throw new Error(
    `Simulator resources not found (looked for resources/sim/${LISTINGS_FILE} in: ${candidates.join(', ')}). ` +
      'Pass resourcesDir or listings explicitly.',
  );
}

export function loadListings(resourcesDir?: string): SimListing[] {
  const dir = resolveSimResourcesDir(resourcesDir);
  return parseListings(readFileSync(join(dir, LISTINGS_FILE), 'utf8'));
}
