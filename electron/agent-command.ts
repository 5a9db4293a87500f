// How to run the edge agent. In a source checkout: the project's Node 24 (npm package `node`) runs the
// TypeScript entry directly. In a packaged app: Electron's own binary in Node mode runs the compiled agent.
import { existsSync } from 'node:fs';
import path from 'node:path';

export type AgentCommand = { command: string; args: string[]; env: Record<string, string> };

export function agentCommand(opts: { appRoot: string; packaged: boolean; execPath: string; resourcesPath?: string }): AgentCommand {
  if (opts.packaged) {
    const entry = path.join(opts.resourcesPath ?? opts.appRoot, 'agent', 'edge-agent', 'src', 'main.js');
    return { command: opts.execPath, args: [entry], env: { ELECTRON_RUN_AS_NODE: '1' } };
  }
  const projectNode = path.join(opts.appRoot, 'node_modules', 'node', 'bin', 'node');
  return {
    command: existsSync(projectNode) ? projectNode : 'node',
    args: [path.join(opts.appRoot, 'edge-agent', 'src', 'main.ts')],
    env: {},
  };
}
