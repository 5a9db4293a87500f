// Electron main entry (ESM; compiled to dist/shell/shell/electron/main.js, the package.json "main"). Kept thin:
// everything the shell does is in kiosk.ts.
import { runKiosk } from './kiosk.ts';

runKiosk().catch((err: unknown) => {
  process.stderr.write(`atrium: the kiosk shell failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
