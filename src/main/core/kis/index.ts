/** Public surface of the KIS client. */
export { KisClient, DEFAULT_RATE_LIMITS, type KisClientOptions } from './kis-client';
export {
  resolveKisConfig,
  defaultDataDir,
  parseAccount,
  requireAccount,
  requireHtsId,
  KIS_URLS,
  type KisEnvironment,
  type KisAccount,
  type KisConfigOptions,
  type ResolvedKisConfig,
} from './config';
export {
  KisError,
  KisConfigError,
  KisApiError,
  KisRateLimitError,
  KisTokenError,
  KisPaperUnsupportedError,
  KisNetworkError,
  SubscriptionBudgetError,
  hintFor,
  kisErrorFrom,
} from './errors';
export {
  testKisConnection,
  describeKisFailure,
  CONNECTION_TEST_CODE,
  type ConnectionStepName,
  type ConnectionStepReport,
  type ConnectionTestOptions,
  type ConnectionTestReport,
} from './connection-test';
export { TR, trIdFor, isPaperSupported } from './tr-ids';
export { systemClock, type Clock } from './clock';
export { silentLogger, type KisLogger } from './logger';
export { TokenManager, type TokenManagerOptions } from './auth/token-manager';
export {
  FileTokenStore,
  MemoryTokenStore,
  tokenCacheKey,
  type StoredToken,
  type TokenStore,
} from './auth/token-store';
export { ApprovalKeyManager } from './auth/approval-key';
export { HttpTransport } from './rest/http';
export { RateLimiter, type RequestPriority } from './rest/rate-limiter';
export { KisRestTransport, type KisCall, type KisCallResult } from './rest/transport';
export {
  KisRestClient,
  type OrderOutcome,
  type OrderRequest,
  type ModifyOrderRequest,
  type CancelOrderRequest,
  type OrderDivision,
  type BuyingPower,
  type OverseasQuote,
  type DailyOrdersQuery,
} from './rest/rest-client';
export {
  RealtimeClient,
  MAX_REGISTRATIONS,
  type SlotUsage,
  type SubscriptionFailure,
  type ReconnectPolicy,
} from './ws/realtime-client';
export { parseFrameHeader, parseRecords, type DataFrame, type RecordLayout } from './ws/frames';
export { TICK_LAYOUT, BOOK_LAYOUT, NOTICE_LAYOUT, noticeKind } from './ws/records';
export { AesKey } from './ws/crypto';
export { parseControl, subscriptionMessage, OPSP, type ControlMessage } from './ws/control';
