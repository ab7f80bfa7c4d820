/** Entry of the bundled `observer` command (out/main/cli.js). */
import readline from 'node:readline';
import type { CliIO } from './command';
import { runCli } from './main';

function processIO(): CliIO {
  let interruptResolve!: () => void;
  const interrupted = new Promise<void>((r) => (interruptResolve = r));
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => interruptResolve());
  let stdinClosed: Promise<void> | undefined;
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    stdinIsTTY: process.stdin.isTTY === true,
    env: process.env,
    interrupted,
    stdinClosed() {
      stdinClosed ??= new Promise<void>((resolve) => {
        process.stdin.on('end', resolve);
        process.stdin.on('close', resolve);
        process.stdin.resume();
      });
      return stdinClosed;
    },
    prompt(question) {
      const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
      return new Promise((resolve) =>
        rl.question(question, (a) => {
          rl.close();
          resolve(a);
        }),
      );
    },
  };
}

const code = await runCli(process.argv.slice(2), processIO());
// Every command has closed its servers and sockets by now; exit once stdout has drained so a
// lingering keep-alive socket cannot hold the process open.
process.stdout.write('', () => process.exit(code));
