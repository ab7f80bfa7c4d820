/**
 * KIS message codes the simulator answers with. Codes marked "documented" come from
 * kis-protocol.md §4.1 / §6.2; the others are not established by any source and were chosen here
 * so each failure has a distinct, greppable code (their msg1 says plainly what is wrong).
 */

export interface KisMessage {
  msg_cd: string;
  msg1: string;
}

export const MSG = {
  // documented (§4)
  inquiryOk: { msg_cd: 'MCA00000', msg1: '정상처리 되었습니다.' },
  orderOk: { msg_cd: 'APBK0013', msg1: '주문 전송 완료 되었습니다.' },
  rateLimited: { msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' },
  invalidToken: { msg_cd: 'EGW00121', msg1: '유효하지 않은 token 입니다.' },
  tokenNotFound: { msg_cd: 'EGW00122', msg1: 'token을 찾을 수 없습니다.' },
  tokenExpired: { msg_cd: 'EGW00123', msg1: '기간이 만료된 token 입니다.' },
  appKeyMissing: { msg_cd: 'EGW00102', msg1: 'AppKey는 필수입니다.' },
  appKeyInvalid: { msg_cd: 'EGW00103', msg1: '유효하지 않은 AppKey입니다.' },
  appSecretMissing: { msg_cd: 'EGW00104', msg1: 'AppSecret은 필수입니다.' },
  appSecretInvalid: { msg_cd: 'EGW00105', msg1: '유효하지 않은 AppSecret입니다.' },
  credentialsType: { msg_cd: 'EGW00205', msg1: 'credentials_type이 유효하지 않습니다.(Bearer)' },
  custtype: { msg_cd: 'EGW00208', msg1: 'custtype이 유효하지 않습니다.' },
  routing: { msg_cd: 'EGW00202', msg1: 'GW라우팅 중 오류가 발생했습니다.' },
  paperKeyOnRealTr: { msg_cd: 'EGW02004', msg1: '실전투자 TR 은 모의투자 앱키로 호출하실 수 없습니다.' },
  notPaperTr: { msg_cd: 'EGW02006', msg1: '모의투자 TR 이 아닙니다.' },
  realKeyOnPaperTr: { msg_cd: 'EGW02007', msg1: '모의투자 TR 은 실전투자 앱키로 호출하실 수 없습니다.' },
  badAccount: { msg_cd: 'OPSQ2000', msg1: 'ERROR : INPUT INVALID_CHECK_ACNO' },
  badMarketCode: { msg_cd: 'OPSQ2001', msg1: 'ERROR : INPUT FIELD NOT FOUND [FID_COND_MRKT_DIV_CODE]' },
  jsonParse: { msg_cd: 'OPSQ9999', msg1: 'ERROR : JSON PARSING ERROR' },
  noSuchProduct: { msg_cd: 'APBK0656', msg1: '해당종목정보가 없습니다.' },
  realInsufficientCash: { msg_cd: 'APBK0919', msg1: '주문가능금액을 초과 했습니다.' },
  realInsufficientQty: { msg_cd: 'APBK0918', msg1: '주문가능수량을 초과 했습니다. 잔고를 확인하세요.' },
  paperBeforeOpen: { msg_cd: '40570000', msg1: '모의투자 장시작전 입니다.' },
  paperAfterClose: { msg_cd: '40580000', msg1: '모의투자 장종료 입니다.' },
  paperUnsupported: { msg_cd: '90000000', msg1: '모의투자에서는 해당업무가 제공되지 않습니다.' },
  paperInsufficientCash: { msg_cd: '40250000', msg1: '모의투자 주문가능금액이 부족합니다.' },
  // chosen here (not established)
  realMarketClosed: {
    msg_cd: 'APBK0919',
    msg1: '장운영시간이 아닙니다. (KRX 정규장 09:00~15:30, 동시호가 08:30~09:00)',
  },
  paperInsufficientQty: { msg_cd: '40240000', msg1: '모의투자 주문가능수량이 부족합니다.' },
  badParam: { msg_cd: 'OPSQ2002', msg1: 'ERROR : INPUT FIELD SIZE' },
  legacyTr: { msg_cd: 'EGW00202', msg1: '폐기된 TR 입니다. 신규 TR ID를 사용하세요.' },
  unsupportedOrdDvsn: {
    msg_cd: 'APBK1531',
    msg1: '시뮬레이터가 지원하지 않는 주문구분입니다. (00, 01, 11~14만 가능)',
  },
  badPrice: { msg_cd: 'APBK0503', msg1: '주문단가가 호가단위에 맞지 않거나 가격제한폭을 벗어났습니다.' },
  badQty: { msg_cd: 'APBK0400', msg1: '주문수량을 확인하세요.' },
  orderNotFound: {
    msg_cd: 'APBK0901',
    msg1: '원주문번호가 존재하지 않거나 정정/취소 가능한 주문이 없습니다.',
  },
  modifyQtyTooLarge: { msg_cd: 'APBK0903', msg1: '정정/취소 가능수량을 초과했습니다.' },
  hashkeyMismatch: { msg_cd: 'EGW00150', msg1: 'hashkey가 요청 본문과 일치하지 않습니다.' },
  forcedFailure: { msg_cd: 'EGW00201', msg1: '초당 거래건수를 초과하였습니다.' },
} as const satisfies Record<string, KisMessage>;

export function withHint(m: KisMessage, hint: string): KisMessage {
  return { msg_cd: m.msg_cd, msg1: `${m.msg1} (${hint})` };
}
