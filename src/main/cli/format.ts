/** Plain-text output for people; --json output is the shared types as they are. */
const won = new Intl.NumberFormat('ko-KR');

export function fmtWon(n: number): string {
  return won.format(n);
}

export function fmtSigned(n: number): string {
  return (n > 0 ? '+' : '') + won.format(n);
}

export function fmtRate(n: number): string {
  return `${n > 0 ? '+' : ''}${n.toFixed(2)}%`;
}

/** Left-aligned first column, right-aligned others. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - displayWidth(c));
          return i === 0 ? c + pad : pad + c;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Hangul and other wide characters take two terminal columns. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}
