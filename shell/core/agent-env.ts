// The edge agent's environment: a short list of system variables, the ATRIUM_* settings this process was given,
// defaults for where the data and the built UI live, and the per-start secret (never inherited, always ours).
export const passThroughVars = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TMPDIR', 'TEMP', 'TMP',
  'SystemRoot', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR',
] as const;

export type AgentEnvOptions = {
  secret: string;
  /** Extra variables the launch command needs (e.g. ELECTRON_RUN_AS_NODE in a packaged app). */
  commandEnv?: Record<string, string>;
  /** ATRIUM_* values used only when the parent environment does not set them. */
  defaults?: Record<string, string>;
};

export function agentEnv(parent: NodeJS.ProcessEnv, opts: AgentEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of passThroughVars) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(opts.defaults ?? {})) env[name] = value;
  for (const [name, value] of Object.entries(parent)) {
    if (name.startsWith('ATRIUM_') && value !== undefined) env[name] = value;
  }
  // A free port unless the installation pins one; the window follows the agent to whatever port it reports.
  env.ATRIUM_API_PORT ??= '0';
  Object.assign(env, opts.commandEnv ?? {});
  env.ATRIUM_API_SECRET = opts.secret;
  return env;
}
