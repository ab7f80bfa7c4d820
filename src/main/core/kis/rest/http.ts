/**
 * The one place that touches axios. Every status is "valid" (KIS sends business errors as HTTP 200
 * and gateway errors as HTTP 500 with the same envelope, kis-protocol.md §4), so callers get the
 * parsed body whatever the status and decide themselves.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, AxiosError } from 'axios';
import { KisNetworkError } from '../errors';

export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Path under the base URL, e.g. /uapi/domestic-stock/v1/quotations/inquire-price. */
  path: string;
  headers: Record<string, string>;
  /** GET inputs; sent in this order, values verbatim (CTX keys keep their padding). */
  query?: Readonly<Record<string, string>>;
  /** POST body, already serialized: the hashkey must cover exactly these bytes. */
  body?: string;
  /** For error messages only. */
  trId?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON, or undefined when the body was empty or not JSON. */
  json: unknown;
  text: string;
}

export interface HttpTransportOptions {
  baseUrl: string;
  timeoutMs?: number;
}

/** Connection failures where the request provably never reached KIS. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);

export function encodeQuery(query: Readonly<Record<string, string>>): string {
  // encodeURIComponent gives %20 for spaces, which no server can confuse with a literal '+'.
  return Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, minVersion: 'TLSv1.2' });

  constructor(private readonly options: HttpTransportOptions) {
    this.axios = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      validateStatus: () => true,
      responseType: 'text',
      // Keep the raw text: we parse it ourselves so that a non-JSON 500 page is still reported.
      transformResponse: [(data: unknown) => data],
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      maxRedirects: 0,
      proxy: false,
    });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const qs = req.query ? encodeQuery(req.query) : '';
    const url = qs ? `${req.path}?${qs}` : req.path;
    try {
      const res = await this.axios.request<string>({
        method: req.method,
        url,
        headers: req.headers,
        data: req.body,
      });
      const text = typeof res.data === 'string' ? res.data : '';
      let json: unknown;
      if (text) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers as Record<string, unknown>)) {
        if (v !== undefined && v !== null)
          headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      return { status: res.status, headers, json, text };
    } catch (e) {
      throw toNetworkError(e, req, this.options.baseUrl);
    }
  }

  dispose(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function toNetworkError(e: unknown, req: HttpRequest, baseUrl: string): KisNetworkError {
  const code = e instanceof AxiosError ? (e.code ?? '') : '';
  const cause = e instanceof AxiosError ? (e.cause as NodeJS.ErrnoException | undefined) : undefined;
  const errno = cause?.code ?? code;
  const sent = !NOT_SENT_CODES.has(errno);
  const what =
    code === 'ECONNABORTED' || code === 'ETIMEDOUT'
      ? 'timed out'
      : errno === 'ECONNREFUSED'
        ? 'connection refused'
        : `failed (${errno || (e as Error).message})`;
  return new KisNetworkError(
    `${req.method} ${baseUrl}${req.path}${req.trId ? ` [${req.trId}]` : ''} ${what}`,
    req.trId,
    sent,
    {
      cause: e,
    },
  );
}
