/**
 * How a broker command gets its broker: open it for --env (demo starts the simulator in-process),
 * run, and always close it. Codes are validated here so every command refuses the impossible alike.
 */
import { StockCode } from '../../shared/domain/market';
import { openBroker } from '../core/broker/open';
import { defaultDataDir } from '../core/kis';
import type { Broker } from '../core/services/broker';
import type { CommandContext } from './command';
import { UsageError, type ExitCode } from './exit-codes';

export function parseCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!StockCode.safeParse(code).success) {
    throw new UsageError(
      `"${raw}" is not a stock code: KRX codes are 6 characters (e.g. 005930), ETNs Q + 6.`,
    );
  }
  return code;
}

export async function withBroker(
  ctx: CommandContext,
  fn: (s: { broker: Broker }) => Promise<ExitCode | number | void>,
): Promise<ExitCode | void> {
  const opened = await openBroker({
    mode: ctx.global.env,
    dataDir: defaultDataDir(ctx.io.env),
    envVars: ctx.io.env,
    ...(ctx.global.config ? { configFile: ctx.global.config } : {}),
    ...(ctx.global.restUrl ? { restUrl: ctx.global.restUrl } : {}),
    ...(ctx.global.wsUrl ? { wsUrl: ctx.global.wsUrl } : {}),
    ...(ctx.io.env.OBSERVER_SIM_RESOURCES ? { resourcesDir: ctx.io.env.OBSERVER_SIM_RESOURCES } : {}),
  });
  try {
    return (await fn({ broker: opened.broker })) as ExitCode | void;
  } finally {
    await opened.close();
  }
}
