/**
 * Starts Observer for a mode: the broker (in demo, the KIS client on an in-process simulator), the
 * built-in instrument list, and the runtime with its host. The desktop app and `observer serve`
 * both start here.
 */
import type { Mode } from '../../shared/domain/mode';
import { openBroker, type OpenBrokerOptions } from './broker/open';
import { defaultDataDir } from './kis';
import { startRuntime, type ObserverRuntime, type RuntimeOptions } from './runtime';
import { InstrumentService } from './services/instruments';
import type { KisSimulator } from './sim';

export interface BootOptions extends Omit<OpenBrokerOptions, 'dataDir' | 'mode'> {
  mode: Mode;
  dataDir?: string;
  host?: RuntimeOptions['host'];
  hub?: RuntimeOptions['hub'];
}

export type BootedObserver = ObserverRuntime & { sim: KisSimulator | undefined; dataDir: string };

export async function bootObserver(options: BootOptions): Promise<BootedObserver> {
  const dataDir = options.dataDir ?? defaultDataDir(options.envVars ?? process.env);
  const instruments = InstrumentService.builtIn(options.resourcesDir);
  const opened = await openBroker({ ...options, dataDir });
  const sim = opened.sim;
  try {
    // Connect the socket now so the status bar tells the truth from the first frame.
    opened.broker.client.realtime.connect();
    const runtime = await startRuntime({
      mode: options.mode,
      broker: opened.broker,
      dataDir,
      instruments,
      ...(options.host ? { host: options.host } : {}),
      ...(options.hub ? { hub: options.hub } : {}),
      // Demo: market-order session rules follow the simulator's own market, not the wall clock.
      ...(sim ? { session: () => sim.market.phase(sim.clock.now()) } : {}),
      onDispose: () => opened.close(),
    });
    return Object.assign(runtime, { sim: opened.sim, dataDir });
  } catch (e) {
    await opened.close();
    throw e;
  }
}
