/**
 * OrderJournal: an append-only record of every order request, risk decision, send, response,
 * notice, modify, cancel and lock, as JSON lines in `<dataDir>/journal/YYYYMMDD.jsonl` (one file per
 * KST day). Each append is written and fsync'd before it returns, so an order is on disk before it
 * is sent; a crash leaves at most a torn last line, which reading skips and counts.
 *
 * Secrets never reach the file: keys that name credentials are replaced, and any registered secret
 * value is scrubbed from every string.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { JournalEntry, JournalKind, JournalPage } from '../../../shared/contract/safety';
import type { Mode } from '../../../shared/domain/mode';

const KST_OFFSET_MS = 9 * 3600_000;
const REDACTED = '[redacted]';
/** Field names that carry credentials in KIS requests, configs and our own objects. */
const SECRET_KEY_RE =
  /app_?key|app_?secret|secret|token|approval|authorization|password|passwd|hashkey|credential/i;

/** The KST calendar day of an instant, YYYYMMDD. */
export function kstDay(epochMs: number): string {
  const d = new Date(epochMs + KST_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** HHMMSS in KST. */
export function kstTime(epochMs: number): string {
  const d = new Date(epochMs + KST_OFFSET_MS);
  return `${String(d.getUTCHours()).padStart(2, '0')}${String(d.getUTCMinutes()).padStart(2, '0')}${String(d.getUTCSeconds()).padStart(2, '0')}`;
}

export interface OrderJournalOptions {
  /** The directory holding the day files, usually `<dataDir>/journal`. */
  dir: string;
  mode: Mode;
  now?: () => number;
  /** Secret values to scrub from every string written (app key/secret, tokens, approval key). */
  secrets?: readonly string[];
}

export class OrderJournal {
  private readonly now: () => number;
  private readonly secrets: string[];
  readonly dir: string;
  readonly mode: Mode;

  constructor(options: OrderJournalOptions) {
    this.dir = options.dir;
    this.mode = options.mode;
    this.now = options.now ?? Date.now;
    this.secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  }

  /** Adds a secret value to scrub from now on. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4 && !this.secrets.includes(value)) this.secrets.push(value);
  }

  fileFor(day: string): string {
    return path.join(this.dir, `${day}.jsonl`);
  }

  /** Appends one entry and flushes it to disk (fsync) before returning. */
  append(kind: JournalKind, data: Record<string, unknown>, id?: string): JournalEntry {
    const at = this.now();
    const entry: JournalEntry = {
      at,
      kind,
      mode: this.mode,
      ...(id !== undefined ? { id } : {}),
      data: this.redact(data) as Record<string, unknown>,
    };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const fd = openSync(this.fileFor(kstDay(at)), 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return entry;
  }

  /** Every entry of a KST day (all modes), oldest first; unreadable lines are counted, not thrown. */
  read(day: string = kstDay(this.now())): JournalPage {
    return readJournalDay(this.dir, day);
  }

  /** Days that have a journal file, oldest first. */
  days(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => /^\d{8}\.jsonl$/.test(f))
      .map((f) => f.slice(0, 8))
      .sort();
  }

  redact(value: unknown, depth = 0): unknown {
    if (depth > 8) return REDACTED;
    if (typeof value === 'string') return this.scrub(value.length > 500 ? `${value.slice(0, 500)}…` : value);
    if (typeof value === 'bigint') return value.toString();
    if (Array.isArray(value)) return value.map((v) => this.redact(v, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out[k] = SECRET_KEY_RE.test(k) ? REDACTED : this.redact(v, depth + 1);
      }
      return out;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  }

  private scrub(s: string): string {
    let out = s;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Bearer tokens that were never registered (e.g. inside an error message).
    return out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g, `Bearer ${REDACTED}`);
  }
}

export function readJournalDay(dir: string, day: string): JournalPage {
  const file = path.join(dir, `${day}.jsonl`);
  if (!existsSync(file)) return { date: day, entries: [], damaged: 0 };
  const entries: JournalEntry[] = [];
  let damaged = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (
        typeof e.at !== 'number' ||
        typeof e.kind !== 'string' ||
        typeof e.data !== 'object' ||
        e.data === null
      )
        throw new Error('not an entry');
      entries.push(e);
    } catch {
      damaged++;
    }
  }
  return { date: day, entries, damaged };
}
