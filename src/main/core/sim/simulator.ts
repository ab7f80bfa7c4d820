/**
 * createKisSimulator: a KIS Open API look-alike on 127.0.0.1 (REST + WebSocket) over a
 * simulated KRX market. See kis-protocol.md for the protocol it reproduces; the admin
 * endpoints under /__sim/ are the simulator's own and have no KIS counterpart.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OrderEngine, type AccountKind, type SimAccount } from './accounts';
import { RateLimiter, TokenService, makeDemoAccount } from './auth';
import { ManualClock, RealClock, kstToEpoch, type SimClock } from './clock';
import { tradeRecord } from './frames';
import { loadListings, type SimListing } from './listings';
import { SimMarket } from './market';
import { OverseasMarket } from './overseas';
import { handleKisRequest, type FailureMode, type RestContext } from './rest';
import type { SessionMode } from './sessions';
import { KisWebSocketHub } from './ws';

export interface KisSimulatorOptions {
  /** Loopback only: 127.0.0.1 (default), localhost or ::1. Anything else is refused. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Market, credentials and AES keys derive from it. Default "observer". */
  seed?: string | number;
  /** HMAC secret for tokens and approval keys; defaults to one derived from the seed. */
  secret?: string;
  /** 'real' follows the wall clock (default); 'manual' moves only with control.advance(ms). */
  clock?: 'real' | 'manual';
  /** Start time (epoch ms or Date). Manual default: 2026-03-04 10:00:00 KST (a Wednesday). */
  startTime?: number | Date;
  /** 'always' (default): continuous trading whenever it runs. 'krx': real KRX hours in KST. */
  sessions?: SessionMode;
  /** Market delivery interval; ticks within one interval share a frame. Default 100 ms. */
  tickIntervalMs?: number;
  /** PINGPONG period. Default 100 s (KIS is reported at ~110 s). */
  pingIntervalMs?: number;
  /** Drop a WebSocket after this many unanswered PINGPONGs; 0 (default) never drops. */
  pingMissLimit?: number;
  /** Access token lifetime. Default 86,400 s (24 h). */
  tokenLifetimeSec?: number;
  /** REST calls per second per app key; false disables. Default { real: 20, paper: 2 }. */
  rateLimit?: { real: number; paper: number } | false;
  /** Cash of each demo account. Default 100,000,000 KRW. */
  startingCash?: number;
  /** Default 0.00015 (0.015 %). */
  commissionRate?: number;
  /** Default 0.0018 (0.18 %), stocks only. */
  sellTaxRate?: number;
  /** Listings to trade; defaults to resources/sim/listings.json. */
  listings?: SimListing[];
  /** Where listings.json lives (the CLI bundle passes it explicitly). */
  resourcesDir?: string;
  /** Trading days of generated daily history. Default 520 (~2 years). */
  historyDays?: number;
  /** Start in burst mode with this many extra ticks per second. */
  burstTicksPerSecond?: number;
}

export interface SimCredentials {
  kind: AccountKind;
  appKey: string;
  appSecret: string;
  /** 8 digits. */
  cano: string;
  /** "01". */
  acntPrdtCd: string;
  /** cano + acntPrdtCd (10 digits). */
  accountNo: string;
  htsId: string;
  /** The WebSocket approval key this app key would receive from /oauth2/Approval. */
  approvalKey: string;
}

export interface SimStatus {
  now: number;
  clock: 'real' | 'manual';
  paused: boolean;
  burstTicksPerSecond: number;
  webSocketSessions: number;
  framesSent: number;
  tickRecordsSent: number;
  pendingFailures: FailureMode[];
}

export interface SimControl {
  /** Manual clock only: moves time forward and runs the market step by step. */
  advance(ms: number): void;
  /** Terminates every WebSocket (clients see an abnormal close). Returns how many. */
  dropAllWebSockets(): number;
  /** The next `count` KIS requests fail with the given mode (timeout = never answered). */
  failNext(count: number, mode: FailureMode): void;
  /** Every issued token now answers EGW00123. */
  expireAllTokens(): void;
  /** Lets tokenP issue again without waiting for the 1/min throttle. */
  resetTokenThrottle(): void;
  pause(): void;
  resume(): void;
  /** Extra ticks per second spread over every symbol (0 = off). */
  setBurst(ticksPerSecond: number): void;
  status(): SimStatus;
}

export interface KisSimulator {
  /** REST base, e.g. http://127.0.0.1:49152 (use for both "prod" and "vps"). */
  restUrl: string;
  /** WebSocket base; connect to `${wsUrl}/tryitout`. */
  wsUrl: string;
  /** Simulator-only admin endpoints (JSON). */
  adminUrl: string;
  credentials: { real: SimCredentials; paper: SimCredentials };
  market: SimMarket;
  clock: SimClock;
  control: SimControl;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const DEFAULT_MANUAL_START = kstToEpoch(2026, 3, 4, 10, 0, 0);
const MAX_CATCH_UP_MS = 5_000;

export async function createKisSimulator(options: KisSimulatorOptions = {}): Promise<KisSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host))
    throw new Error(
      `KIS simulator listens on loopback only (127.0.0.1, localhost, ::1); refusing host "${host}"`,
    );
  const seed = String(options.seed ?? 'observer');
  const secret = options.secret ?? createHash('sha256').update(`observer-sim:${seed}`).digest('hex');
  const startMs =
    options.startTime instanceof Date
      ? options.startTime.getTime()
      : (options.startTime ?? (options.clock === 'manual' ? DEFAULT_MANUAL_START : Date.now()));
  const clock: SimClock = options.clock === 'manual' ? new ManualClock(startMs) : new RealClock();
  const stepMs = options.tickIntervalMs ?? 100;
  if (!(stepMs >= 1)) throw new Error('tickIntervalMs must be >= 1');
  const listings = options.listings ?? loadListings(options.resourcesDir);

  const market = new SimMarket({
    seed,
    listings,
    startMs: clock.now(),
    sessions: options.sessions ?? 'always',
    historyDays: options.historyDays ?? 520,
  });
  market.tickRecord = tradeRecord;
  market.burstPerSecond = options.burstTicksPerSecond ?? 0;
  const engine = new OrderEngine(market, clock, {
    commissionRate: options.commissionRate ?? 0.00015,
    sellTaxRate: options.sellTaxRate ?? 0.0018,
  });
  const cash = options.startingCash ?? 100_000_000;
  const realAccount = engine.addAccount(makeDemoAccount(seed, 'real', cash));
  const paperAccount = engine.addAccount(makeDemoAccount(seed, 'paper', cash));
  const tokens = new TokenService(
    secret,
    clock,
    () => engine.accounts.map((a) => a.info),
    options.tokenLifetimeSec ?? 86_400,
  );
  const hub = new KisWebSocketHub({
    seed,
    market,
    engine,
    tokens,
    pingIntervalMs: options.pingIntervalMs ?? 100_000,
    pingMissLimit: options.pingMissLimit ?? 0,
  });
  const ctx: RestContext = {
    clock,
    market,
    engine,
    tokens,
    limiter: new RateLimiter(clock),
    overseas: new OverseasMarket(seed, clock.now()),
    rateLimits: options.rateLimit === false ? null : (options.rateLimit ?? { real: 20, paper: 2 }),
    failures: [],
    hung: new Set(),
    gtUidSerial: 0,
  };

  let lastStep = clock.now();
  let lastPhase = market.phase(lastStep);
  hub.heartbeat(lastStep);
  /** Runs whole delivery intervals up to `t`; the same steps always give the same frames. */
  const runUntil = (t: number): void => {
    if (clock.mode === 'real' && t - lastStep > MAX_CATCH_UP_MS) lastStep = t - MAX_CATCH_UP_MS;
    while (lastStep + stepMs <= t) {
      lastStep += stepMs;
      if (market.rolloverIfNewDay(lastStep)) engine.endOfDay();
      const phase = market.phase(lastStep);
      const auctionEnded = phase !== lastPhase && (lastPhase === 'preOpen' || lastPhase === 'closingAuction');
      lastPhase = phase;
      market.step(lastStep, stepMs);
      engine.matchMarketable(auctionEnded);
      hub.deliver(market.drainDeliveries(), lastStep);
      hub.heartbeat(lastStep);
    }
  };

  const control: SimControl = {
    advance(ms) {
      if (!(clock instanceof ManualClock)) throw new Error('control.advance needs clock: "manual"');
      runUntil(clock.advanceBy(ms));
    },
    dropAllWebSockets: () => hub.dropAll(),
    failNext(count, mode) {
      if (mode !== 'http500' && mode !== 'egw00201' && mode !== 'timeout')
        throw new Error(`unknown failure mode ${String(mode)}`);
      for (let i = 0; i < count; i++) ctx.failures.push(mode);
    },
    expireAllTokens: () => tokens.expireAll(),
    resetTokenThrottle: () => tokens.resetThrottle(),
    pause() {
      market.paused = true;
    },
    resume() {
      market.paused = false;
    },
    setBurst(ticksPerSecond) {
      if (!(ticksPerSecond >= 0)) throw new Error('setBurst: ticksPerSecond must be >= 0');
      market.burstPerSecond = ticksPerSecond;
    },
    status: () => ({
      now: clock.now(),
      clock: clock.mode,
      paused: market.paused,
      burstTicksPerSecond: market.burstPerSecond,
      webSocketSessions: hub.sessionCount,
      framesSent: hub.framesSent,
      tickRecordsSent: hub.recordsSent,
      pendingFailures: [...ctx.failures],
    }),
  };

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((e: unknown) => {
      // A simulator bug must not take the process (the whole app in demo mode) down.
      if (!res.headersSent) {
        const text = JSON.stringify({
          rt_cd: '9',
          msg_cd: 'SIM99999',
          msg1: `simulator internal error: ${String(e)}`,
        });
        res.writeHead(500, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(text),
        });
        res.end(text);
      } else {
        res.destroy();
      }
    });
  });
  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (e) {
      res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(String(e instanceof Error ? e.message : e));
      return;
    }
    const url = parseRequestUrl(req.url);
    const path = url.pathname;
    if (path.startsWith('/__sim/')) return handleAdmin(path, req.method ?? 'GET', raw, res);
    handleKisRequest(ctx, req, res, path, url.searchParams, raw);
  };

  const credentialsOf = (a: SimAccount): SimCredentials => ({
    kind: a.info.kind,
    appKey: a.info.appKey,
    appSecret: a.info.appSecret,
    cano: a.info.cano,
    acntPrdtCd: a.info.acntPrdtCd,
    accountNo: a.accountNo,
    htsId: a.info.htsId,
    approvalKey: tokens.approvalKeyFor(a.info.appKey),
  });

  const handleAdmin = (path: string, method: string, raw: string, res: ServerResponse): void => {
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return reply(400, { ok: false, error: 'admin body must be JSON' });
      }
    }
    try {
      const op = path.slice('/__sim/'.length);
      if (method === 'GET' && op === 'status') return reply(200, { ok: true, ...control.status() });
      if (method === 'GET' && op === 'credentials')
        return reply(200, { ok: true, real: credentialsOf(realAccount), paper: credentialsOf(paperAccount) });
      if (method !== 'POST') return reply(405, { ok: false, error: `POST /__sim/${op}` });
      switch (op) {
        case 'advance':
          control.advance(Number(body.ms));
          return reply(200, { ok: true, now: clock.now() });
        case 'drop-websockets':
          return reply(200, { ok: true, dropped: control.dropAllWebSockets() });
        case 'fail-next':
          control.failNext(Number(body.count ?? 1), body.mode as FailureMode);
          return reply(200, { ok: true, pending: ctx.failures.length });
        case 'expire-tokens':
          control.expireAllTokens();
          return reply(200, { ok: true });
        case 'reset-token-throttle':
          control.resetTokenThrottle();
          return reply(200, { ok: true });
        case 'pause':
          control.pause();
          return reply(200, { ok: true });
        case 'resume':
          control.resume();
          return reply(200, { ok: true });
        case 'burst':
          control.setBurst(Number(body.ticksPerSecond ?? 0));
          return reply(200, { ok: true });
        default:
          return reply(404, { ok: false, error: `unknown admin operation ${op}` });
      }
    } catch (e) {
      return reply(400, { ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };

  server.on('upgrade', (req, socket, head) => {
    const path = parseRequestUrl(req.url).pathname;
    if (!KisWebSocketHub.acceptsPath(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    hub.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const restUrl = `http://${hostText}:${address.port}`;
  const wsUrl = `ws://${hostText}:${address.port}`;

  const timer = clock.mode === 'real' ? setInterval(() => runUntil(clock.now()), stepMs) : undefined;

  let closed: Promise<void> | undefined;
  return {
    restUrl,
    wsUrl,
    adminUrl: `${restUrl}/__sim`,
    credentials: { real: credentialsOf(realAccount), paper: credentialsOf(paperAccount) },
    market,
    clock,
    control,
    close() {
      closed ??= (async () => {
        if (timer) clearInterval(timer);
        for (const res of ctx.hung) res.destroy();
        ctx.hung.clear();
        await hub.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}

/**
 * A trailing slash on a configured base gives "//oauth2/…" (§12). Collapse repeated slashes
 * before URL parsing: `new URL('//oauth2/tokenP', base)` would read "oauth2" as a host name.
 */
export function parseRequestUrl(raw: string | undefined): URL {
  const text = raw ?? '/';
  const q = text.indexOf('?');
  const path = (q < 0 ? text : text.slice(0, q)).replace(/\/{2,}/g, '/');
  return new URL(path + (q < 0 ? '' : text.slice(q)), 'http://127.0.0.1');
}

function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large (1 MiB max)'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
