/**
 * Errors that cross the bridge. They are plain data (no stack, no secrets) so a renderer can
 * show them to a trader: a code, a sentence, and where it applies the field and the KIS codes.
 */
import { z } from 'zod';

export const BridgeErrorCode = z.enum([
  /** The payload failed its schema; `field` names the first offending field. */
  'invalid_payload',
  /** No handler for that channel. */
  'unknown_channel',
  /** The caller is not a window/session this host trusts. */
  'forbidden',
  /** The broker answered with an error (KIS msg_cd / msg1 attached). */
  'broker_error',
  /** The broker could not be reached. */
  'network_error',
  /** The host refused by rule (risk check, locked trading, not offered in paper). */
  'refused',
  /** The host is not ready or shutting down. */
  'unavailable',
  /** A bug: the handler threw something unexpected. */
  'internal',
]);
export type BridgeErrorCode = z.infer<typeof BridgeErrorCode>;

export const BridgeErrorData = z.object({
  code: BridgeErrorCode,
  message: z.string(),
  field: z.string().optional(),
  msgCd: z.string().optional(),
  msg1: z.string().optional(),
  hint: z.string().optional(),
});
export type BridgeErrorData = z.infer<typeof BridgeErrorData>;

export class BridgeError extends Error {
  readonly code: BridgeErrorCode;
  readonly field: string | undefined;
  readonly msgCd: string | undefined;
  readonly msg1: string | undefined;
  readonly hint: string | undefined;

  constructor(data: BridgeErrorData) {
    super(data.message);
    this.name = 'BridgeError';
    this.code = data.code;
    this.field = data.field;
    this.msgCd = data.msgCd;
    this.msg1 = data.msg1;
    this.hint = data.hint;
  }

  toData(): BridgeErrorData {
    const d: BridgeErrorData = { code: this.code, message: this.message };
    if (this.field !== undefined) d.field = this.field;
    if (this.msgCd !== undefined) d.msgCd = this.msgCd;
    if (this.msg1 !== undefined) d.msg1 = this.msg1;
    if (this.hint !== undefined) d.hint = this.hint;
    return d;
  }
}

/** The envelope every invoke answers with, on every transport. */
export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: BridgeErrorData };

/** Turns a zod failure into the error a caller reads: the first issue's path and message. */
export function payloadError(channel: string, error: z.ZodError, what = 'payload'): BridgeError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const where = field ? ` field "${field}"` : '';
  return new BridgeError({
    code: 'invalid_payload',
    message:
      `Invalid ${what} for ${channel}:${where} ${issue?.message ?? 'does not match the contract'}`.trim(),
    ...(field !== undefined ? { field } : {}),
  });
}
