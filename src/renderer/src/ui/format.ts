/** Formatting shared by every panel: won with separators, KST times. */
const won = new Intl.NumberFormat('ko-KR');

export function formatWon(n: number): string {
  return won.format(n);
}

const kstTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Seoul',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatKstTime(epochMs: number): string {
  return kstTime.format(new Date(epochMs));
}

const kstDateTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Seoul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function formatKstDateTime(epochMs: number): string {
  return kstDateTime.format(new Date(epochMs)).replace(',', '');
}
