/**
 * JSON control messages on the KIS socket (kis-protocol.md §6.2–6.3): subscription acks (carrying
 * the AES key/iv per tr_id) and the PINGPONG heartbeat.
 */

export type ControlMessage =
  | { type: 'pingpong'; raw: string }
  | {
      type: 'ack';
      trId: string;
      trKey: string;
      encrypt: boolean;
      rtCd: string;
      msgCd: string;
      msg1: string;
      key: string | undefined;
      iv: string | undefined;
    }
  | { type: 'unknown'; raw: string; reason: string };

export const OPSP = {
  subscribed: 'OPSP0000',
  unsubscribed: 'OPSP0001',
  alreadySubscribed: 'OPSP0002',
  notSubscribed: 'OPSP0003',
  internalError: 'OPSP0007',
  maxSubscribe: 'OPSP0008',
  invalidApproval: 'OPSP0011',
  appKeyInUse: 'OPSP8996',
} as const;

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}
function s(v: unknown): string {
  return typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
}

export function parseControl(raw: string): ControlMessage {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return { type: 'unknown', raw, reason: 'not JSON' };
  }
  const header = rec(rec(doc)?.header);
  if (!header) return { type: 'unknown', raw, reason: 'no header' };
  const trId = s(header.tr_id);
  if (trId === 'PINGPONG') return { type: 'pingpong', raw };
  const body = rec(rec(doc)?.body);
  if (!body) return { type: 'unknown', raw, reason: 'no body' };
  const output = rec(body.output);
  return {
    type: 'ack',
    trId,
    trKey: s(header.tr_key),
    encrypt: s(header.encrypt) === 'Y',
    rtCd: s(body.rt_cd),
    msgCd: s(body.msg_cd),
    msg1: s(body.msg1),
    key: output && typeof output.key === 'string' ? output.key : undefined,
    iv: output && typeof output.iv === 'string' ? output.iv : undefined,
  };
}

/** Subscribe ("1") / unsubscribe ("2") message (§6.1). */
export function subscriptionMessage(
  approvalKey: string,
  trType: '1' | '2',
  trId: string,
  trKey: string,
): string {
  return JSON.stringify({
    header: { approval_key: approvalKey, custtype: 'P', tr_type: trType, 'content-type': 'utf-8' },
    body: { input: { tr_id: trId, tr_key: trKey } },
  });
}
