// Electron main entry (ESM; compiled to dist/electron/electron/main.js, the package.json "main").
import { runKiosk } from './kiosk.ts';

runKiosk().catch((err: unknown) => {
  process.stderr.write(`atrium: the kiosk shell failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
