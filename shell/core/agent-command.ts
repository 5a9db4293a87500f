// How to run the edge agent: always on plain Node 24 (the runtime it is tested on), running its TypeScript
// directly (type stripping). In a source checkout: the project's Node (npm package `node`). In a packaged app:
// the same Node binary, shipped next to the agent in resources/agent/node (deploy/stage-agent.ts). The agent is
// never run by Electron's own binary (ELECTRON_RUN_AS_NODE), so the RunAsNode fuse stays off (docs/security.md).
import { existsSync } from 'node:fs';
import path from 'node:path';

export type AgentCommand = { command: string; args: string[]; env: Record<string, string> };

export function agentCommand(opts: { appRoot: string; packaged: boolean; resourcesPath?: string }): AgentCommand {
  if (opts.packaged) {
    const agentDir = path.join(opts.resourcesPath ?? opts.appRoot, 'agent');
    return { command: path.join(agentDir, 'node', 'bin', 'node'), args: [path.join(agentDir, 'edge-agent', 'src', 'main.ts')], env: {} };
  }
  const projectNode = path.join(opts.appRoot, 'node_modules', 'node', 'bin', 'node');
  return {
    command: existsSync(projectNode) ? projectNode : 'node',
    args: [path.join(opts.appRoot, 'edge-agent', 'src', 'main.ts')],
    env: {},
  };
}
