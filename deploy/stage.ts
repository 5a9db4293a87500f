// Stages what electron-builder packs (electron-builder.yml), after `npm run build`:
//   dist/stage/app    the Electron main process: its own package.json (main, and zod and pino, its runtime
//                     dependencies) and the compiled shell (dist/shell). Packed into app.asar.
//   dist/stage/agent  the edge agent as it runs in a checkout, on plain Node 24: its TypeScript (edge-agent/src,
//                     contracts, common), the built UI (dist/renderer), the models (models/), the Node binary from the
//                     npm package `node`, and exactly the node_modules the agent imports, with everything they
//                     depend on (from package-lock.json), native builds for this OS only. Shipped beside
//                     app.asar as resources/agent (the agent is a separate plain-Node process, it cannot read asar).
// Usage: node deploy/stage.ts   (then: npx electron-builder --linux; see docs/electron.md)
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type LockPackage = { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; dev?: boolean; os?: string[]; cpu?: string[] };
type Lockfile = { packages: Record<string, LockPackage> };

/** Where the agent's sources live; everything they import from node_modules must be staged. */
export const AGENT_SOURCES = ['edge-agent/src', 'contracts', 'common'];

/** Bare package names imported (statically, dynamically or by re-export) by the .ts files under these folders. */
export function importedPackages(root: string, folders: string[] = AGENT_SOURCES): string[] {
  const names = new Set<string>();
  // import/export statements (a multi-line one ends in a line `} from '...'`) and dynamic import(); not the word
  // "from" in a message string.
  const spec = /(?:^\s*(?:import|export)\b[^'"\n]*?\bfrom\s*|^\s*\}\s*from\s*|^\s*import\s+|\bimport\s*\(\s*)['"]([^'"]+)['"]/gm;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(spec)) {
          const s = m[1]!;
          if (s.startsWith('.') || s.startsWith('node:') || s.startsWith('/')) continue;
          const parts = s.split('/');
          names.add(s.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
        }
      }
    }
  };
  for (const f of folders) walk(path.join(root, f));
  return [...names].sort();
}

/** The lockfile entry a dependency of the package at `from` resolves to, the way Node looks it up. */
function resolveIn(lock: Lockfile, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

/** Every lockfile path (node_modules/...) the named packages need at run time, themselves included. */
export function dependencyClosure(lock: Lockfile, names: string[]): string[] {
  const out = new Set<string>();
  const queue: string[] = [];
  for (const name of names) {
    const p = resolveIn(lock, '', name);
    if (!p) throw new Error(`package-lock.json has no ${name}, which the agent imports: run npm install`);
    queue.push(p);
  }
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (out.has(p)) continue;
    out.add(p);
    const pkg = lock.packages[p]!;
    for (const [dep, optional] of [...Object.keys(pkg.dependencies ?? {}).map((d) => [d, false] as const), ...Object.keys(pkg.optionalDependencies ?? {}).map((d) => [d, true] as const)]) {
      const resolved = resolveIn(lock, p, dep);
      if (resolved) queue.push(resolved);
      else if (!optional) throw new Error(`package-lock.json: ${p} needs ${dep}, which is not installed`);
    }
  }
  return [...out].sort();
}

/** Native builds of onnxruntime-node for other systems (hundreds of MB) stay out of a Linux package. */
export function keepFile(relative: string, platform: NodeJS.Platform = 'linux', arch: string = process.arch): boolean {
  const m = /(?:^|\/)onnxruntime-node\/bin\/napi-v\d+\/([^/]+)(?:\/([^/]+))?/.exec(relative);
  if (!m) return true;
  if (m[1] !== platform) return false;
  return m[2] === undefined || m[2] === arch;
}

export type StageOptions = {
  root: string;
  out: string;
  /** Symlink node_modules packages instead of copying them (tests: run the staged agent with --preserve-symlinks). */
  link?: boolean;
  /** Copy the Node binary (off in tests, which run the staged agent with their own Node). */
  withNode?: boolean;
  platform?: NodeJS.Platform;
  arch?: string;
};

export type StageResult = { appDir: string; agentDir: string; packages: string[] };

export function stage(o: StageOptions): StageResult {
  const { root, out } = o;
  const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string; description: string; license: string; main: string; dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as Lockfile;
  const need = (p: string, hint: string) => {
    if (!existsSync(path.join(root, p))) throw new Error(`${p} is missing: ${hint}`);
  };
  need(rootPkg.main, 'run npm run build first');
  need('dist/renderer/index.html', 'run npm run build first');
  need('models/manifest.json', 'install the models first (see models/README.md)');
  rmSync(out, { recursive: true, force: true });

  // The Electron app: compiled main + preload, zod (the contracts the main process parses with) and pino (its log).
  const appDir = path.join(out, 'app');
  mkdirSync(appDir, { recursive: true });
  writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({
    name: rootPkg.name, productName: 'Atrium', version: rootPkg.version, description: rootPkg.description, license: rootPkg.license,
    author: { name: 'Atrium', email: 'kiosk@atrium.invalid' }, homepage: 'https://atrium.invalid', type: 'module', main: rootPkg.main,
    dependencies: { zod: rootPkg.dependencies.zod, pino: rootPkg.dependencies.pino },
  }, null, 2));
  cpSync(path.join(root, 'dist/shell'), path.join(appDir, 'dist/shell'), { recursive: true, filter: (src) => !src.endsWith('.d.ts') && !src.endsWith('.map') && !src.endsWith('.tsbuildinfo') });
  copyPackages(root, appDir, lock, dependencyClosure(lock, ['zod', 'pino']), o);

  // The agent: sources, UI, models, Node, and its node_modules.
  const agentDir = path.join(out, 'agent');
  mkdirSync(agentDir, { recursive: true });
  writeFileSync(path.join(agentDir, 'package.json'), JSON.stringify({ name: 'atrium-agent', version: rootPkg.version, private: true, type: 'module' }, null, 2));
  for (const dir of [...AGENT_SOURCES, 'dist/renderer', 'models']) {
    cpSync(path.join(root, dir), path.join(agentDir, dir), { recursive: true, filter: (src) => !/\.test\.ts$/.test(src) });
  }
  const packages = dependencyClosure(lock, importedPackages(root));
  copyPackages(root, agentDir, lock, packages, o);
  if (o.withNode ?? true) {
    need('node_modules/node/bin/node', 'npm install (the npm package `node` holds Node 24)');
    mkdirSync(path.join(agentDir, 'node/bin'), { recursive: true });
    cpSync(path.join(root, 'node_modules/node/bin/node'), path.join(agentDir, 'node/bin/node'));
    chmodSync(path.join(agentDir, 'node/bin/node'), 0o755);
  }
  return { appDir, agentDir, packages };
}

function copyPackages(root: string, dest: string, lock: Lockfile, packages: string[], o: StageOptions): void {
  const linked: string[] = [];
  for (const p of packages) {
    // A package nested in a linked one came along with it (and writing through the link would touch the checkout).
    if (linked.some((l) => p.startsWith(`${l}/`))) continue;
    if (lock.packages[p]?.os && !lock.packages[p]!.os!.includes(o.platform ?? 'linux')) continue;
    const from = path.join(root, p);
    if (!existsSync(from)) continue; // an optional dependency npm did not install on this system
    const to = path.join(dest, p);
    mkdirSync(path.dirname(to), { recursive: true });
    if (o.link) {
      symlinkSync(from, to, 'dir');
      linked.push(p);
      continue;
    }
    cpSync(from, to, {
      recursive: true,
      // Nested node_modules are packages of their own, staged (or not) by their own lockfile entry.
      filter: (src) => {
        const rel = path.relative(root, src).split(path.sep).join('/');
        if (rel !== p && rel.startsWith(`${p}/node_modules/`)) return false;
        return keepFile(rel, o.platform, o.arch);
      },
    });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = stage({ root, out: path.join(root, 'dist/stage') });
  const size = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(dir, e.name)) : e.isFile() ? statSync(path.join(dir, e.name)).size : 0), 0);
  console.log(`staged ${path.relative(root, result.appDir)} (${Math.round(size(result.appDir) / 1e6)} MB) and ${path.relative(root, result.agentDir)} (${Math.round(size(result.agentDir) / 1e6)} MB, ${result.packages.length} packages); now: npx electron-builder --linux`);
}
