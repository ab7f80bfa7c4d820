import type { CliIO } from '../../../src/main/cli/command';

/** A CliIO that records output; `stop()` plays the part of Ctrl-C. */
export function recordingIO(
  options: { tty?: boolean; answers?: string[]; env?: Record<string, string> } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  let stop!: () => void;
  const interrupted = new Promise<void>((r) => (stop = r));
  const answers = [...(options.answers ?? [])];
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    stdinIsTTY: options.tty ?? false,
    env: options.env ?? {},
    interrupted,
    stdinClosed: () => new Promise<void>(() => {}),
    prompt: async () => answers.shift() ?? '',
  };
  return { io, out, err, stop };
}
