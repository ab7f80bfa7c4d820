/**
 * A host process for the order crash test: boots the order service (journal in OBSERVER_TEST_DATA)
 * against the simulator at OBSERVER_TEST_REST, places one order (OBSERVER_TEST_TICKET) and reports
 * on stdout. With OBSERVER_TEST_STOP_AT = before-send | after-send it announces "AT <point>" there
 * and waits — for the test to SIGKILL it, or for a "go" line on stdin to carry on.
 * Output lines: READY, AT <point>, RESULT <json>, TRACKED <json>, ERROR <message>.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { KisBroker } from '../../../src/main/core/broker/kis-broker';
import { KisClient, resolveKisConfig } from '../../../src/main/core/kis';
import { OrderJournal } from '../../../src/main/core/services/journal';
import { OrderService } from '../../../src/main/core/services/orders';
import { SafetyService } from '../../../src/main/core/services/safety';

const env = process.env;
const dataDir = env.OBSERVER_TEST_DATA!;
const stopAt = env.OBSERVER_TEST_STOP_AT ?? '';
const say = (line: string) => process.stdout.write(`${line}\n`);

const lines = createInterface({ input: process.stdin });
const waiting: Array<() => void> = [];
lines.on('line', (l) => {
  if (l.trim() === 'go') waiting.shift()?.();
});
const waitForGo = () => new Promise<void>((resolve) => waiting.push(resolve));

async function main(): Promise<void> {
  const config = resolveKisConfig({
    env: 'demo',
    appKey: env.OBSERVER_TEST_APP_KEY!,
    appSecret: env.OBSERVER_TEST_APP_SECRET!,
    restUrl: env.OBSERVER_TEST_REST!,
    wsUrl: env.OBSERVER_TEST_WS!,
    account: env.OBSERVER_TEST_ACCOUNT!,
    htsId: env.OBSERVER_TEST_HTS!,
    dataDir,
    configFile: false,
    envVars: {},
  });
  const broker = new KisBroker(new KisClient(config));
  const journal = new OrderJournal({ dir: path.join(dataDir, 'journal'), mode: 'demo' });
  const safety = new SafetyService({ mode: 'demo', journal });
  const svc = new OrderService(
    broker,
    { get: () => undefined },
    {
      mode: 'demo',
      journal,
      safety,
      notices: false,
      reconcileGraceMs: Number(env.OBSERVER_TEST_GRACE_MS ?? 0),
      hooks: {
        async beforeSend() {
          if (stopAt !== 'before-send') return;
          say('AT before-send');
          await waitForGo();
        },
        async afterSend() {
          if (stopAt !== 'after-send') return;
          say('AT after-send');
          await waitForGo();
        },
      },
    },
  );
  try {
    await svc.whenReady();
    say('READY');
    if (env.OBSERVER_TEST_TICKET) {
      const result = await svc.place(JSON.parse(env.OBSERVER_TEST_TICKET), 'cli');
      say(`RESULT ${JSON.stringify(result)}`);
    }
    say(`TRACKED ${JSON.stringify(svc.tracked())}`);
  } catch (e) {
    say(`ERROR ${(e as Error).message}`);
  } finally {
    svc.dispose();
    safety.dispose();
    broker.dispose();
    lines.close();
  }
}

void main();
