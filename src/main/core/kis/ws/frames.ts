/**
 * KIS real-time data frames (kis-protocol.md §6.4): `<enc>|<tr_id>|<count>|<payload>`, where the
 * payload is `count` records of N `^`-separated fields simply concatenated. Only the first three
 * `|` are separators (a payload could in theory contain one).
 *
 * Hot path: the payload is indexed once (separator positions into a reused Int32Array), numbers are
 * parsed straight from char codes, and only the strings a record keeps (code, time) are created —
 * a split('^') would allocate 46 strings per tick just to throw 40 of them away.
 */

export interface DataFrame {
  /** Leading '1': the payload is base64 AES-256-CBC (§6.4). */
  encrypted: boolean;
  trId: string;
  count: number;
  payload: string;
}

const CH_0 = 48;
const CH_1 = 49;
const CH_MINUS = 45;
const CH_PLUS = 43;
const CH_DOT = 46;

/** The frame header, or undefined when `text` is not a data frame (JSON control messages start with '{'). */
export function parseFrameHeader(text: string): DataFrame | undefined {
  const c0 = text.charCodeAt(0);
  if ((c0 !== CH_0 && c0 !== CH_1) || text.charCodeAt(1) !== 124 /* | */) return undefined;
  const b = text.indexOf('|', 2);
  if (b < 0) return undefined;
  const c = text.indexOf('|', b + 1);
  if (c < 0) return undefined;
  const count = parseCount(text, b + 1, c);
  if (count <= 0) return undefined;
  return { encrypted: c0 === CH_1, trId: text.slice(2, b), count, payload: text.slice(c + 1) };
}

/** Digits between [from, to) as an integer; -1 when not all digits. */
function parseCount(text: string, from: number, to: number): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - CH_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Random access to the `^`-separated fields of one payload without splitting it. Reused across
 * frames (parsing is synchronous), so indexing a frame allocates nothing once warmed up.
 */
export class PayloadFields {
  private text = '';
  /** ends[i] = position of the '^' closing field i, or text.length for the last field. */
  private ends: Int32Array = new Int32Array(512);
  length = 0;

  index(text: string): number {
    this.text = text;
    let ends = this.ends;
    let n = 0;
    let p = text.indexOf('^');
    while (p >= 0) {
      if (n === ends.length) ends = this.grow();
      ends[n++] = p;
      p = text.indexOf('^', p + 1);
    }
    if (n === ends.length) ends = this.grow();
    ends[n++] = text.length;
    this.length = n;
    return n;
  }

  private grow(): Int32Array {
    const bigger = new Int32Array(this.ends.length * 2);
    bigger.set(this.ends);
    this.ends = bigger;
    return bigger;
  }

  private start(i: number): number {
    return i === 0 ? 0 : this.ends[i - 1]! + 1;
  }

  /** Field i as a string (as sent, untrimmed). */
  str(i: number): string {
    return this.text.slice(this.start(i), this.ends[i]);
  }

  /** Field i as a number: '' → 0; plain decimals parsed from char codes; anything else via Number (NaN → 0). */
  num(i: number): number {
    const t = this.text;
    let p = this.start(i);
    const e = this.ends[i]!;
    if (p === e) return 0;
    let neg = false;
    let c = t.charCodeAt(p);
    if (c === CH_MINUS) {
      neg = true;
      p++;
    } else if (c === CH_PLUS) {
      p++;
    }
    if (p === e) return this.slowNum(i);
    let n = 0;
    let scale = 0;
    for (; p < e; p++) {
      c = t.charCodeAt(p);
      const d = c - CH_0;
      if (d >= 0 && d <= 9) {
        n = n * 10 + d;
        if (scale) scale *= 10;
      } else if (c === CH_DOT && scale === 0) {
        scale = 1;
      } else {
        return this.slowNum(i);
      }
    }
    // Integer mantissa ÷ power of ten: correctly rounded, so equal to Number(text).
    if (scale > 1) n /= scale;
    if (n > Number.MAX_SAFE_INTEGER) return this.slowNum(i);
    return neg ? -n : n;
  }

  private slowNum(i: number): number {
    const v = Number(this.str(i).trim());
    return Number.isFinite(v) ? v : 0;
  }
}

export type RecordMapper<T> = (fields: PayloadFields, offset: number) => T;

export interface RecordLayout<T> {
  trId: string;
  /** Number of fields we know (46 for H0STCNT0). */
  fieldCount: number;
  map: RecordMapper<T>;
}

export type FrameParseResult<T> = { ok: true; records: T[]; stride: number } | { ok: false; reason: string };

const shared = new PayloadFields();

/**
 * Splits a payload into `count` records by stride (= total fields ÷ count). A stride larger than the
 * known field count means KIS appended columns: the known ones are mapped, the rest ignored
 * (python-kis broke when H0STCNI0 grew from 23 to 26, §9.1). An uneven or short stride is refused
 * whole, because any record boundary we guessed could be wrong.
 */
export function parseRecords<T>(
  payload: string,
  count: number,
  layout: RecordLayout<T>,
): FrameParseResult<T> {
  const total = shared.index(payload);
  const stride = total / count;
  if (!Number.isInteger(stride)) {
    return { ok: false, reason: `${layout.trId}: ${total} fields do not divide into ${count} records` };
  }
  if (stride < layout.fieldCount) {
    return {
      ok: false,
      reason: `${layout.trId}: ${stride} fields per record, expected at least ${layout.fieldCount}`,
    };
  }
  const records = new Array<T>(count);
  for (let i = 0, o = 0; i < count; i++, o += stride) records[i] = layout.map(shared, o);
  return { ok: true, records, stride };
}
