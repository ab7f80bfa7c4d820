/** `observer sim` — the built-in KIS simulator on its own, for any KIS client to point at. */
import { SERVER_OPTIONS, untilStopped, type Command } from '../command';
import { EXIT, UsageError } from '../exit-codes';
import { createKisSimulator } from '../../core/sim';

export const simCommand: Command = {
  name: 'sim',
  summary: 'Run the built-in KIS simulator alone and print its URLs and demo credentials',
  usage: 'sim [--port N] [--seed N] [--sessions krx]',
  positionals: [0, 0],
  options: {
    ...SERVER_OPTIONS,
    seed: {
      type: 'string',
      placeholder: 'N',
      description: 'Seed of the simulated market (same seed, same market)',
    },
    sessions: {
      type: 'string',
      choices: ['always', 'krx'],
      description: 'always open (default) or real KRX hours (KST)',
    },
  },
  async run({ global, options, io }) {
    if (global.env !== 'demo')
      throw new UsageError('observer sim is the demo server itself; --env does not apply.');
    const sim = await createKisSimulator({
      port: (options.port as number | undefined) ?? 0,
      ...(options.seed !== undefined ? { seed: options.seed as string } : {}),
      ...(options.sessions ? { sessions: options.sessions as 'always' | 'krx' } : {}),
      ...(io.env.OBSERVER_SIM_RESOURCES ? { resourcesDir: io.env.OBSERVER_SIM_RESOURCES } : {}),
    });
    const { real, paper } = sim.credentials;
    const info = {
      restUrl: sim.restUrl,
      wsUrl: sim.wsUrl,
      adminUrl: sim.adminUrl,
      accounts: {
        real: { appKey: real.appKey, appSecret: real.appSecret, account: real.accountNo, htsId: real.htsId },
        paper: {
          appKey: paper.appKey,
          appSecret: paper.appSecret,
          account: paper.accountNo,
          htsId: paper.htsId,
        },
      },
    };
    if (global.json) io.out(JSON.stringify(info));
    else {
      io.out('Observer KIS simulator (not KIS: a local test server that speaks the KIS protocol)');
      io.out(`  REST      ${sim.restUrl}   (use as both "prod" and "vps" in kis_devlp.yaml)`);
      io.out(`  WebSocket ${sim.wsUrl}/tryitout   (use as "ops" / "vops")`);
      io.out(`  admin     ${sim.adminUrl}   (simulator controls; no KIS counterpart)`);
      for (const [kind, a] of Object.entries(info.accounts)) {
        io.out(`  ${kind} account: ${a.account}  HTS ID ${a.htsId}`);
        io.out(`    app key    ${a.appKey}`);
        io.out(`    app secret ${a.appSecret}`);
      }
      io.out('Ctrl-C stops it.');
    }
    await untilStopped({ io, options });
    await sim.close();
    return EXIT.ok;
  },
};
