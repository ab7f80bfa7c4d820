/**
 * Typed errors for the KIS client. Every error that reaches a user carries the KIS code (msg_cd),
 * KIS's own text (msg1) and a plain-language hint (kis-protocol.md §4.1), so the UI and the CLI can
 * show "what happened" and "what to do" without knowing KIS internals.
 */

export class KisError extends Error {
  override readonly name: string = 'KisError';
}

/** Missing or malformed configuration (app key, account, config file). */
export class KisConfigError extends KisError {
  override readonly name = 'KisConfigError';
}

export interface KisApiErrorInit {
  msgCd: string;
  msg1: string;
  trId?: string;
  httpStatus?: number;
  hint?: string;
}

/** KIS answered, and the answer was a failure (rt_cd ≠ "0", an OAuth error envelope, or an HTTP error). */
export class KisApiError extends KisError {
  override readonly name: string = 'KisApiError';
  readonly msgCd: string;
  readonly msg1: string;
  readonly trId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly hint: string;

  constructor(init: KisApiErrorInit) {
    const hint = init.hint ?? hintFor(init.msgCd, init.msg1);
    super(`${init.msgCd} ${init.msg1.trim()}${init.trId ? ` [${init.trId}]` : ''} — ${hint}`);
    this.msgCd = init.msgCd;
    this.msg1 = init.msg1.trim();
    this.trId = init.trId;
    this.httpStatus = init.httpStatus;
    this.hint = hint;
  }
}

/** EGW00201 / EGW00215: too many requests per second. */
export class KisRateLimitError extends KisApiError {
  override readonly name = 'KisRateLimitError';
}

/** Token problems: EGW00121/00122/00123 (invalid/unknown/expired) and EGW00133 (issued too often). */
export class KisTokenError extends KisApiError {
  override readonly name = 'KisTokenError';
}

/** The operation does not exist on the paper (모의투자) server: EGW02006, 90000000, or refused before sending. */
export class KisPaperUnsupportedError extends KisApiError {
  override readonly name = 'KisPaperUnsupportedError';
}

/** No usable answer: timeout, connection refused/reset, DNS failure, unparseable body. */
export class KisNetworkError extends KisError {
  override readonly name = 'KisNetworkError';
  constructor(
    message: string,
    readonly trId: string | undefined,
    /** False when we know the request never left this machine (connection refused, DNS failure). */
    readonly requestSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The 42nd WebSocket registration: refused locally, nothing was sent (kis-protocol.md §6.5). */
export class SubscriptionBudgetError extends KisError {
  override readonly name = 'SubscriptionBudgetError';
}

export const TOKEN_INVALID_CODES: ReadonlySet<string> = new Set(['EGW00121', 'EGW00122', 'EGW00123']);
export const TOKEN_THROTTLE_CODE = 'EGW00133';
export const RATE_LIMIT_CODES: ReadonlySet<string> = new Set(['EGW00201', 'EGW00215']);
export const PAPER_UNSUPPORTED_CODES: ReadonlySet<string> = new Set(['EGW02006', '90000000']);
/** Gateway timeouts: KIS itself does not know whether the previous transaction went through. */
export const GATEWAY_TIMEOUT_CODES: ReadonlySet<string> = new Set(['EGW00301', 'EGW00302']);

/** Plain hints per code (kis-protocol.md §4.1), Korean first, then English. */
const HINTS: Readonly<Record<string, string>> = {
  EGW00201:
    '초당 호출 한도를 넘었습니다. 잠시 후 다시 시도합니다. / Too many requests per second; slow down and retry.',
  EGW00215:
    '계좌·주문 원장 초당 한도를 넘었습니다. / Per-second limit for account/order calls exceeded; retry shortly.',
  EGW00121:
    '접근토큰이 유효하지 않습니다. 토큰을 다시 발급합니다. / Access token invalid; a new token is issued.',
  EGW00122:
    '접근토큰을 찾을 수 없습니다. 토큰을 다시 발급합니다. / Access token not found; a new token is issued.',
  EGW00123:
    '접근토큰이 만료되었습니다. 토큰을 다시 발급합니다. / Access token expired; a new token is issued.',
  EGW00133:
    '접근토큰은 1분에 한 번만 발급됩니다. 1분 뒤에 다시 시도하세요. / Tokens can be issued once per minute; wait a minute.',
  EGW00102: '앱키가 없습니다. 설정을 확인하세요. / App key missing; check your configuration.',
  EGW00103: '앱키가 올바르지 않습니다. 설정을 확인하세요. / App key invalid; check your configuration.',
  EGW00104: '앱시크릿이 없습니다. 설정을 확인하세요. / App secret missing; check your configuration.',
  EGW00105:
    '앱시크릿이 올바르지 않습니다. 설정을 확인하세요. / App secret invalid; check your configuration.',
  EGW00205: "인증 헤더에 'Bearer'가 빠졌습니다. / Authorization header lacks the word 'Bearer'.",
  EGW00206: '이 API를 사용할 권한이 없습니다. KIS Developers에서 신청하세요. / No permission for this API.',
  EGW00208: '고객구분(custtype)이 올바르지 않습니다. / custtype header invalid (must be P).',
  EGW00202: 'TR ID와 호출 경로가 맞지 않습니다. / Gateway routing error: TR id does not match the endpoint.',
  EGW00301:
    'KIS 연결 시간 초과: 직전 거래 결과를 주문내역에서 확인하세요. / Gateway timeout; check daily orders before resending.',
  EGW00302:
    'KIS 처리 시간 초과: 직전 거래 결과를 주문내역에서 확인하세요. / Gateway timeout; check daily orders before resending.',
  EGW02004: '모의투자 앱키로 실전 서버를 호출했습니다. / A paper app key was used on the real server.',
  EGW02006: '모의투자에서 제공하지 않는 기능입니다. / This function is not offered on the paper server.',
  EGW02007: '실전 앱키로 모의투자 서버를 호출했습니다. / A real app key was used on the paper server.',
  OPSQ2000: '계좌번호가 올바르지 않습니다. / Invalid account number.',
  OPSQ2001: '시장 구분 코드가 올바르지 않습니다. / Invalid market code.',
  OPSQ2002: '입력 값의 길이가 올바르지 않습니다. / A request field has the wrong length.',
  APBK0656: '해당 종목 정보가 없습니다. 종목코드를 확인하세요. / No such product; check the stock code.',
  APBK1664: '해외 시장이 열리지 않았습니다. / The overseas market is closed.',
  '40570000':
    '모의투자 장 시작 전입니다. 정규장에 주문하세요. / Paper trading: the market has not opened yet.',
  '40580000': '모의투자 장이 종료되었습니다. / Paper trading: the market is closed.',
  '90000000': '모의투자에서 제공하지 않는 업무입니다. / This operation is not offered in paper trading.',
};

/**
 * APBK and paper codes are overloaded (§4.1: APBK0919 means both "insufficient funds" and "market
 * closed"), so the message text decides before the code does.
 */
const TEXT_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /주문가능금액|잔고가 부족|금액이 부족|부족합니다/,
    '주문 가능 금액(또는 수량)이 부족합니다. / Insufficient buying power or holdings.',
  ],
  [
    /장시작전|장 시작 전|장종료|장 종료|장운영|영업일|시간외/,
    '지금은 이 주문을 받을 수 없는 시간입니다. / The market is not open for this order now.',
  ],
  [/NXT/, 'NXT에서 거래되지 않는 종목입니다. / This stock does not trade on NXT.'],
  [/종목정보가 없|종목 정보가 없/, '해당 종목 정보가 없습니다. / No such product; check the stock code.'],
];

export function hintFor(msgCd: string, msg1 = ''): string {
  for (const [re, hint] of TEXT_HINTS) if (re.test(msg1)) return hint;
  const known = HINTS[msgCd];
  if (known) return known;
  if (msgCd.startsWith('OPSQ99'))
    return 'KIS가 요청 형식을 읽지 못했습니다. / KIS could not parse the request.';
  return 'KIS가 요청을 거절했습니다. 메시지를 확인하세요. / KIS refused the request; see its message.';
}

/** Builds the most specific error class for a KIS failure envelope. */
export function kisErrorFrom(init: KisApiErrorInit): KisApiError {
  const code = init.msgCd;
  if (RATE_LIMIT_CODES.has(code)) return new KisRateLimitError(init);
  if (TOKEN_INVALID_CODES.has(code) || code === TOKEN_THROTTLE_CODE) return new KisTokenError(init);
  if (PAPER_UNSUPPORTED_CODES.has(code)) return new KisPaperUnsupportedError(init);
  return new KisApiError(init);
}
