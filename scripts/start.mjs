#!/usr/bin/env node
// `npm start`: builds the app, makes sure an Electron runtime is there (downloading it once where
// the network allows), and starts the desktop app in demo mode. Where no Electron runtime can be
// had, it says so in one line and serves the same terminal in web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const marker = path.join(root, 'node_modules', '.cache', 'observer', 'electron-download-failed');
const RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
}

function electronPath() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function tryDownloadElectron() {
  if (existsSync(marker) && Date.now() - statSync(marker).mtimeMs < RETRY_AFTER_MS) {
    return readFileSync(marker, 'utf8').trim() || 'an earlier download attempt failed';
  }
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return 'the electron package is not installed';
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [installer], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  if (r.status === 0 && electronPath()) return undefined;
  const reason = (r.error?.message ?? r.stderr ?? '').split('\n').find((l) => l.trim()) ?? `exit ${r.status}`;
  mkdirSync(path.dirname(marker), { recursive: true });
  writeFileSync(marker, `Electron download failed: ${reason.trim().slice(0, 200)}`);
  return `Electron download failed: ${reason.trim().slice(0, 200)}`;
}

const build = run(
  process.execPath,
  [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
if (build.status !== 0) {
  console.error('observer: the build failed; see the messages above.');
  process.exit(build.status ?? 1);
}

let binary = electronPath();
let reason;
if (!binary) {
  reason = tryDownloadElectron();
  binary = electronPath();
}

if (binary) {
  const child = spawn(binary, ['.', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, OBSERVER_MODE: 'demo' },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`No Electron runtime on this machine (${reason}); serving the terminal in web mode instead.`);
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'observer.mjs'), 'serve', '--env', 'demo', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
