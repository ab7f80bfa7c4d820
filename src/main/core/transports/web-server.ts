/**
 * Web mode: the same renderer, served over HTTP on loopback, talking to the host over one
 * WebSocket per browser window. Guards, in the order they apply:
 *  - the server binds loopback only (a non-loopback host is refused before listening);
 *  - the Host header must name this server (no DNS rebinding);
 *  - a WebSocket upgrade must carry the random session token minted at start (compared in
 *    constant time) and, when a browser sends an Origin, it must be this server's own origin.
 * The token travels in the page URL's #fragment, which browsers never send to a server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, WS_CLOSE, type ServerMessage } from '../../../shared/contract';
import type { Host, HostSession } from '../host';

export interface WebServerOptions {
  host: Host;
  /** Directory of the built renderer (index.html + assets). Without it only the bridge is served. */
  staticDir?: string;
  /** Loopback address to bind; default 127.0.0.1. */
  bindHost?: string;
  /** 0 = any free port. */
  port?: number;
  /** Fixed token (tests); default 32 random bytes, hex. */
  token?: string;
  /** Largest accepted client message, bytes. */
  maxPayload?: number;
}

export interface WebServer {
  readonly url: string;
  /** The URL to open, with the session token in its fragment. */
  readonly appUrl: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly token: string;
  readonly connectionCount: number;
  close(): Promise<void>;
}

export class NonLoopbackBindError extends Error {
  constructor(host: string) {
    super(`Refusing to bind web mode to ${host}: Observer's web mode listens on loopback (127.0.0.1) only.`);
    this.name = 'NonLoopbackBindError';
  }
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return !!m && m.slice(1).every((n) => Number(n) <= 255);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const bindHost = options.bindHost ?? '127.0.0.1';
  if (!isLoopbackHost(bindHost)) throw new NonLoopbackBindError(bindHost);
  const token = options.token ?? randomBytes(32).toString('hex');
  const staticDir = options.staticDir ? path.resolve(options.staticDir) : undefined;
  const sockets = new Map<WebSocket, HostSession>();
  let port = 0;

  const allowedHosts = () =>
    new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bindHost}:${port}`]);
  const allowedOrigins = () => new Set([...allowedHosts()].map((h) => `http://${h}`));

  const server = http.createServer((req, res) => {
    if (!allowedHosts().has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    void serveStatic(staticDir, req, res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const reject = (status: number, text: string) => {
      socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/bridge') return reject(404, 'Not Found');
    if (!allowedHosts().has(req.headers.host ?? '')) return reject(421, 'Misdirected Request');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return reject(403, 'Forbidden');
    if (!tokenMatches(token, url.searchParams.get('token'))) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function send(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  function attach(ws: WebSocket): void {
    const session = options.host.openSession('web', (items, info) =>
      send(ws, { t: 'batch', items, oldestAt: info.oldestAt }),
    );
    sockets.set(ws, session);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(WS_CLOSE.protocol, 'text frames only');
        return;
      }
      let parsed: ClientMessage;
      try {
        const r = ClientMessage.safeParse(JSON.parse(data.toString()));
        if (!r.success) throw new Error(r.error.issues[0]?.message ?? 'bad message');
        parsed = r.data;
      } catch (e) {
        send(ws, {
          t: 'error',
          error: { code: 'invalid_payload', message: `Malformed bridge message: ${(e as Error).message}` },
        });
        return;
      }
      switch (parsed.t) {
        case 'invoke':
          void session
            .invoke(parsed.channel, parsed.payload)
            .then((r) => send(ws, { t: 'result', id: parsed.id, ...r }));
          break;
        case 'sub': {
          const r = session.subscribe(parsed.sub, parsed.channel, parsed.args);
          send(
            ws,
            r.ok
              ? { t: 'result', id: parsed.id, ok: true, value: null }
              : { t: 'result', id: parsed.id, ...r },
          );
          break;
        }
        case 'unsub':
          session.unsubscribe(parsed.sub);
          break;
      }
    });
    ws.on('close', () => {
      session.close();
      sockets.delete(ws);
    });
    ws.on('error', () => ws.terminate());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const hostPart = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
  const base = `http://${hostPart}:${port}`;

  return {
    url: base,
    appUrl: `${base}/#token=${token}`,
    wsUrl: `ws://${hostPart}:${port}/bridge?token=${token}`,
    port,
    token,
    get connectionCount() {
      return sockets.size;
    },
    async close() {
      for (const [ws, session] of sockets) {
        session.close();
        ws.close(WS_CLOSE.shutdown, 'host shutting down');
        ws.terminate();
      }
      sockets.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "font-src 'self' data:; connect-src 'self' ws://127.0.0.1:* ws://localhost:*; media-src 'self' data:; " +
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
};

async function serveStatic(
  staticDir: string | undefined,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  if (!staticDir) {
    res
      .writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
      .end('No renderer build here.');
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname.endsWith('/')) pathname += 'index.html';
  const file = path.resolve(staticDir, '.' + pathname);
  if (file !== staticDir && !file.startsWith(staticDir + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
  }
}
