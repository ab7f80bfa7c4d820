/** Host errors in words: KIS code + message, the hint, never a stack. */
export interface ErrorLike {
  code?: string;
  message?: string;
  msgCd?: string;
  msg1?: string;
  hint?: string;
}

export function describeError(e: unknown): string {
  if (!e || typeof e !== 'object') return String(e ?? 'Unknown error');
  const err = e as ErrorLike;
  const parts: string[] = [];
  if (err.msgCd || err.msg1) parts.push(`[${err.msgCd ?? ''}] ${err.msg1 ?? ''}`.trim());
  if (err.message && err.message !== err.msg1) parts.push(err.message);
  if (err.hint) parts.push(err.hint);
  return parts.join(' — ') || 'Unknown error';
}
