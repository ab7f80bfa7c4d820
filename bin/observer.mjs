#!/usr/bin/env node
// The `observer` command: runs the bundled CLI (built by `npm run build`, and by `npm install`'s prepare step).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write(
    `observer: the command is not built yet (${cli} is missing). Run 'npm run build' in ${root}.\n`,
  );
  process.exit(3);
}
await import(pathToFileURL(cli).href);
