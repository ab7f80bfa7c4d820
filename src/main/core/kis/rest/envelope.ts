/**
 * Reading KIS response bodies: the envelope (rt_cd/msg_cd/msg1 or the OAuth error_code form) and
 * field access that ignores key case (kis-protocol.md §9.17: order-cash answers ODNO, order-rvsecncl
 * answers odno, daily-ccld has excg_id_dvsn_Cd).
 */
import { kisErrorFrom, type KisApiError } from '../errors';
import type { HttpResponse } from './http';

export type KisRecord = Readonly<Record<string, unknown>>;

export function isRecord(v: unknown): v is KisRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** obj[key] trying the exact key, then lower case, then upper case, then a case-insensitive scan. */
export function field(obj: KisRecord | undefined, key: string): unknown {
  if (!obj) return undefined;
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  if (lower in obj) return obj[lower];
  const upper = key.toUpperCase();
  if (upper in obj) return obj[upper];
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** A string field, trimmed; '' when absent. */
export function str(obj: KisRecord | undefined, key: string): string {
  const v = field(obj, key);
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

/** A string field exactly as sent (CTX continuation keys must not be trimmed, §3.11). */
export function rawStr(obj: KisRecord | undefined, key: string): string {
  const v = field(obj, key);
  return typeof v === 'string' ? v : '';
}

/** KIS numbers are strings ("71300", "-150", "0.99", ""); blanks and junk read as 0. */
export function num(obj: KisRecord | undefined, key: string): number {
  const v = field(obj, key);
  if (typeof v === 'number') return Number.isFinite(v) ? v : 0;
  if (typeof v !== 'string') return 0;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : 0;
}

export function optNum(obj: KisRecord | undefined, key: string): number | undefined {
  const v = field(obj, key);
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  return Number.isFinite(n) ? n : undefined;
}

/** A block that the spec says is an object but sometimes comes as a one-element array, or vice versa. */
export function asObject(v: unknown): KisRecord | undefined {
  if (Array.isArray(v)) return isRecord(v[0]) ? v[0] : undefined;
  return isRecord(v) ? v : undefined;
}

export function asArray(v: unknown): KisRecord[] {
  if (Array.isArray(v)) return v.filter(isRecord);
  return isRecord(v) ? [v] : [];
}

/**
 * The failure carried by a response, or undefined on success. Works for HTTP 200 and 500 alike;
 * `error_code` envelopes (OAuth) and non-JSON error pages are reported too.
 */
export function responseError(res: HttpResponse, trId: string | undefined): KisApiError | undefined {
  const body = isRecord(res.json) ? res.json : undefined;
  if (body && 'rt_cd' in body) {
    if (str(body, 'rt_cd') === '0') return undefined;
    return kisErrorFrom({
      msgCd: str(body, 'msg_cd') || `RT${str(body, 'rt_cd')}`,
      msg1: str(body, 'msg1'),
      trId,
      httpStatus: res.status,
    });
  }
  if (body && ('error_code' in body || 'error_description' in body)) {
    return kisErrorFrom({
      msgCd: str(body, 'error_code') || `HTTP${res.status}`,
      msg1: str(body, 'error_description'),
      trId,
      httpStatus: res.status,
    });
  }
  if (res.status >= 200 && res.status < 300 && body) return undefined;
  return kisErrorFrom({
    msgCd: `HTTP${res.status}`,
    msg1: body
      ? 'unexpected response without rt_cd'
      : res.text.slice(0, 200).replace(/\s+/g, ' ') || 'empty response',
    trId,
    httpStatus: res.status,
    hint:
      res.status >= 500
        ? 'KIS 서버 오류입니다. 잠시 후 다시 시도하세요. / KIS server error; try again shortly.'
        : 'KIS가 예상하지 못한 응답을 보냈습니다. / KIS sent an unexpected response.',
  });
}
