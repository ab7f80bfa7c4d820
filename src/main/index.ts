/** Entry of the Electron main process (out/main/index.js). */
import { startDesktop } from './electron/main';

startDesktop().catch((e: unknown) => {
  console.error('Observer failed to start:', e);
  process.exit(1);
});
