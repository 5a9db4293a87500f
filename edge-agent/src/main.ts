// Edge agent entry point: `node edge-agent/src/main.ts [--config FILE]`. Exit codes (common/exit-codes.ts, which the
// shells read too): 0 clean stop, 78 bad configuration, 73 data folder or database problem, 1 anything else.
import module from 'node:module';
import { EXIT } from '../../common/exit-codes.ts';

// Node's compile cache keeps each module's type-stripped source and V8 code on disk (NODE_COMPILE_CACHE, else
// <os tmpdir>/node-compile-cache; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so a start after the first skips
// stripping and compiling ~400 modules: about a third of the agent's start on a 2-core box (issue 16). It applies
// only to modules loaded after this call, hence the dynamic imports below; entries are keyed by content, so an
// update never runs stale code, and a cache that cannot be written only costs the time it would have saved.
try {
  module.enableCompileCache?.();
} catch {
  /* a read-only or missing cache folder: start without it */
}
const [{ startAgent }, { ConfigError, loadSettings }, { DatabaseError }, { createLogger }] = await Promise.all([
  import('./agent.ts'), import('./config.ts'), import('./db/open.ts'), import('../../common/node/log.ts'),
]);

function configFileArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--config');
  if (i >= 0) return argv[i + 1];
  return process.env.ATRIUM_CONFIG || undefined;
}

async function main() {
  let settings;
  try {
    settings = loadSettings({ file: configFileArg(process.argv.slice(2)), env: process.env });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`atrium-agent: ${err.message}\n`);
      process.exit(EXIT.badConfig);
    }
    throw err;
  }
  const log = createLogger(settings.logLevel);
  // The supervisor (Electron main or scripts/start.ts) hands the per-start secret over in the environment,
  // which only this user can read; then it is removed so child processes do not inherit it.
  const secret = process.env.ATRIUM_API_SECRET || undefined;
  delete process.env.ATRIUM_API_SECRET;
  // Signals are handled from the start, so a stop that arrives while starting still closes the database.
  let agent: Awaited<ReturnType<typeof startAgent>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    await agent?.stop();
    log.info('stopped');
    process.exit(EXIT.ok);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    agent = await startAgent(settings, log, secret, { onRestartRequested: () => void stop('restart-agent command') });
  } catch (err) {
    if (err instanceof DatabaseError) {
      process.stderr.write(`atrium-agent: ${err.message}\n`);
      log.error('cannot start', { reason: err.message });
      process.exit(EXIT.dataProblem);
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(`atrium-agent: port ${settings.apiPort} is already in use; set ATRIUM_API_PORT (0 picks a free port)\n`);
      process.exit(EXIT.dataProblem);
    }
    throw err;
  }
  if (stopping) return;
  log.always('agent ready', { port: agent.server.port, mallId: settings.mallId, deviceId: settings.deviceId, role: settings.display.role });

}

main().catch((err: unknown) => {
  process.stderr.write(`atrium-agent: failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(EXIT.crash);
});
