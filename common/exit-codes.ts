// Exit codes that cross processes: the agent exits with them, and the shells (Electron, browser kiosk) read them to
// tell a fault that a restart cannot fix from a crash worth restarting (sysexits.h numbering).
export const EXIT = {
  ok: 0,
  /** Anything unexpected: the supervisor restarts the agent with backoff. */
  crash: 1,
  /** EX_CANTCREAT: the data folder or database cannot be used (or the API port is taken). */
  dataProblem: 73,
  /** EX_CONFIG: the configuration is invalid; restarting would fail the same way. */
  badConfig: 78,
} as const;

/** Exit codes after which restarting the agent cannot help: a person has to fix something first. */
export const FATAL_EXIT_CODES: ReadonlySet<number> = new Set([EXIT.badConfig, EXIT.dataProblem]);
