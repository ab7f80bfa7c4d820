/**
 * The instrument list the terminal searches: the built-in symbol list in resources/ (the same real
 * listings the simulator trades). Search matches code, Korean name, English name and 초성.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveSimResourcesDir } from '../sim/listings';
import {
  buildSearchIndex,
  Instrument,
  searchInstruments,
  type SearchIndexEntry,
} from '../../../shared/domain/instruments';

export class InstrumentService {
  private readonly byCode: Map<string, Instrument>;
  private readonly index: SearchIndexEntry[];

  constructor(list: readonly Instrument[]) {
    this.byCode = new Map(list.map((i) => [i.code, i]));
    this.index = buildSearchIndex(list);
  }

  static fromFile(file: string): InstrumentService {
    let doc: { listings?: unknown };
    try {
      doc = JSON.parse(readFileSync(file, 'utf8')) as { listings?: unknown };
    } catch (e) {
      throw new Error(`Cannot read the symbol list ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (!Array.isArray(doc.listings)) throw new Error(`The symbol list ${file} has no "listings" array.`);
    const list = doc.listings.map((raw, i) => {
      const r = Instrument.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0];
        throw new Error(
          `The symbol list ${file}: entry #${i} field "${issue?.path.join('.')}" ${issue?.message}`,
        );
      }
      return r.data;
    });
    return new InstrumentService(list);
  }

  /** The built-in list: resources/sim/listings.json (`simResourcesDir` is that sim folder). */
  static builtIn(simResourcesDir?: string): InstrumentService {
    return InstrumentService.fromFile(path.join(resolveSimResourcesDir(simResourcesDir), 'listings.json'));
  }

  get size(): number {
    return this.byCode.size;
  }

  get(code: string): Instrument | undefined {
    return this.byCode.get(code);
  }

  search(query: string, limit = 20): Instrument[] {
    return searchInstruments(this.index, query, limit);
  }
}
