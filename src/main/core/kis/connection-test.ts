/**
 * "Test connection" for a set of KIS keys: the three things every session needs, each timed and
 * reported on its own — an access token (POST /oauth2/tokenP; the cached one while it is valid,
 * because KIS issues one per minute per app key), a WebSocket approval key (POST /oauth2/Approval)
 * and one REST quote. Failures come back in plain words with KIS's code, text and hint; nothing
 * here throws for a KIS or network failure, and nothing secret is part of the report.
 */
import { KisClient, type KisClientOptions } from './kis-client';
import { resolveKisConfig, type KisConfigOptions } from './config';
import { KisApiError, KisConfigError, KisError, KisNetworkError } from './errors';

export type ConnectionStepName = 'token' | 'approval' | 'quote';

export interface ConnectionStepReport {
  step: ConnectionStepName;
  ok: boolean;
  skipped?: boolean;
  ms?: number;
  message?: string;
  msgCd?: string;
  msg1?: string;
  hint?: string;
  code?: string;
  price?: number;
}

export interface ConnectionTestReport {
  env: KisConfigOptions['env'];
  ok: boolean;
  steps: ConnectionStepReport[];
  message?: string;
}

export interface ConnectionTestOptions {
  /** Where and as whom to connect (the same options the client is built from). */
  config: KisConfigOptions;
  /** Client options (the desktop app passes its encrypted token store so the cached token is reused). */
  client?: KisClientOptions;
  /** The symbol quoted in the last step. Default 005930 (삼성전자). */
  code?: string;
  /** Called as each step finishes (progress, logging; tests use it to inject faults between steps). */
  onStep?: (report: ConnectionStepReport) => void;
  now?: () => number;
}

export const CONNECTION_TEST_CODE = '005930';

const STEP_WORDS: Record<ConnectionStepName, string> = {
  token: 'access token',
  approval: 'WebSocket approval key',
  quote: 'quote',
};

/** A KIS client failure as the report shows it: what happened and what to do, KIS codes kept. */
export function describeKisFailure(e: unknown, restUrl?: string): Omit<ConnectionStepReport, 'step' | 'ok'> {
  if (e instanceof KisApiError) {
    return {
      message: `KIS refused: ${e.msgCd} ${e.msg1}`.trim() + ` — ${e.hint}`,
      msgCd: e.msgCd,
      msg1: e.msg1,
      hint: e.hint,
    };
  }
  if (e instanceof KisNetworkError) {
    const where = restUrl ? ` at ${restUrl}` : '';
    return {
      message: `Could not reach KIS${where}: ${e.message}`,
      hint: e.requestSent
        ? 'KIS did not answer in time. Check the network and try again in a moment.'
        : 'The server could not be reached (no network, a firewall, or a wrong address).',
    };
  }
  if (e instanceof KisConfigError) return { message: `The KIS settings are incomplete: ${e.message}` };
  if (e instanceof KisError) return { message: e.message };
  return { message: e instanceof Error ? e.message : String(e) };
}

export async function testKisConnection(options: ConnectionTestOptions): Promise<ConnectionTestReport> {
  const now = options.now ?? Date.now;
  const env = options.config.env;
  const code = options.code ?? CONNECTION_TEST_CODE;
  const steps: ConnectionStepReport[] = [];
  const finish = (s: ConnectionStepReport): void => {
    steps.push(s);
    options.onStep?.(s);
  };

  let client: KisClient;
  try {
    client = new KisClient(resolveKisConfig(options.config), {
      ...options.client,
      // Report "one token per minute" at once rather than waiting the minute out for one retry.
      tokenThrottleRetry: false,
      // A failed read is the answer here; the trader presses the button again.
      maxNetworkRetries: 0,
      maxRateLimitRetries: 1,
    });
  } catch (e) {
    const failure = describeKisFailure(e);
    for (const step of ['token', 'approval', 'quote'] as const)
      finish({ step, ok: false, skipped: true, ...failure });
    return { env, ok: false, steps, message: failure.message };
  }

  const restUrl = client.config.restUrl;
  const timed = async (
    step: ConnectionStepName,
    run: () => Promise<Partial<ConnectionStepReport> | void>,
  ): Promise<boolean> => {
    const start = now();
    try {
      const extra = await run();
      finish({ step, ok: true, ms: now() - start, ...(extra ?? {}) });
      return true;
    } catch (e) {
      finish({ step, ok: false, ms: now() - start, ...describeKisFailure(e, restUrl) });
      return false;
    }
  };

  try {
    const tokenOk = await timed('token', async () => {
      await client.tokens.getToken();
      return {
        message:
          client.tokens.issueCount === 0
            ? 'Reused the access token issued earlier (still valid).'
            : 'Access token issued.',
      };
    });
    // The approval key needs only the app key and secret, so it is tried even when the token failed.
    await timed('approval', async () => {
      await client.approval.getKey();
      return { message: 'WebSocket approval key issued.' };
    });
    if (tokenOk) {
      await timed('quote', async () => {
        const q = await client.rest.getQuote(code);
        return { code, price: q.price, message: `${code}: ${q.price.toLocaleString('en-US')} KRW.` };
      });
    } else {
      finish({
        step: 'quote',
        ok: false,
        skipped: true,
        code,
        message: 'Not tried: a quote needs the access token.',
      });
    }
  } finally {
    client.dispose();
  }

  const failed = steps.find((s) => !s.ok && !s.skipped);
  return failed
    ? {
        env,
        ok: false,
        steps,
        message: `The ${STEP_WORDS[failed.step]} step failed. ${failed.message ?? ''}`.trim(),
      }
    : { env, ok: true, steps };
}
