/**
 * Opens the broker for a mode. demo: starts the built-in simulator on an ephemeral 127.0.0.1 port
 * and points the real KIS client at it with the simulator's demo credentials, so demo mode runs
 * the same code path as paper and real. paper/real: credentials from the environment and/or
 * kis_devlp.yaml; real is used only when asked for by name.
 */
import type { Mode } from '../../../shared/domain/mode';
import { KisClient, resolveKisConfig, type KisClientOptions } from '../kis';
import { createKisSimulator, type KisSimulator, type KisSimulatorOptions } from '../sim';
import { KisBroker } from './kis-broker';

export interface OpenBrokerOptions {
  mode: Mode;
  dataDir: string;
  /** kis_devlp.yaml (paper/real). */
  configFile?: string;
  restUrl?: string;
  wsUrl?: string;
  envVars?: Readonly<Record<string, string | undefined>>;
  /** Where resources/sim lives (the bundled CLI passes it). */
  resourcesDir?: string;
  /** Demo: simulator options (tests: manual clock, seeds, fault injection). */
  sim?: KisSimulatorOptions;
  client?: KisClientOptions;
}

export interface OpenedBroker {
  broker: KisBroker;
  /** The in-process simulator in demo mode. */
  sim: KisSimulator | undefined;
  close(): Promise<void>;
}

export async function openBroker(options: OpenBrokerOptions): Promise<OpenedBroker> {
  if (options.mode === 'demo') {
    const sim = await createKisSimulator({
      ...(options.resourcesDir ? { resourcesDir: options.resourcesDir } : {}),
      ...options.sim,
    });
    try {
      const creds = sim.credentials.real;
      const config = resolveKisConfig({
        env: 'demo',
        appKey: creds.appKey,
        appSecret: creds.appSecret,
        restUrl: sim.restUrl,
        wsUrl: sim.wsUrl,
        account: creds.accountNo,
        htsId: creds.htsId,
        dataDir: options.dataDir,
        configFile: false,
        envVars: {},
      });
      const broker = new KisBroker(new KisClient(config, options.client));
      return {
        broker,
        sim,
        async close() {
          broker.dispose();
          await sim.close();
        },
      };
    } catch (e) {
      await sim.close();
      throw e;
    }
  }
  const config = resolveKisConfig({
    env: options.mode,
    dataDir: options.dataDir,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.restUrl ? { restUrl: options.restUrl } : {}),
    ...(options.wsUrl ? { wsUrl: options.wsUrl } : {}),
    ...(options.envVars ? { envVars: options.envVars } : {}),
  });
  const broker = new KisBroker(new KisClient(config, options.client));
  return {
    broker,
    sim: undefined,
    async close() {
      broker.dispose();
    },
  };
}
