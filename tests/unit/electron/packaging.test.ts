// The Linux packaging, checked without building it (electron-builder downloads Electron and its tools, which this
// environment cannot reach): electron-builder.yml against electron-builder's own schema validator, the kiosk
// fuses applied by electron-builder's own fuse code to a synthetic Electron fuse wire and read back with
// @electron/fuses, the staging of the agent (its dependency closure from the real lockfile; the staged agent
// started for real from the staged folder), and the systemd unit checked by systemd-analyze.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { dependencyClosure, importedPackages, keepFile, stage } from '../../../deploy/stage.ts';
import { skipBecause } from '../../support/requirements.ts';

vi.mock('electron', () => ({}));

const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
// The fields of electron-builder.yml read here; the rest is kept (looseObject) for the validator to see it whole.
const BuilderConfig = z.looseObject({
  linux: z.looseObject({ target: z.array(z.string()) }),
  directories: z.looseObject({ app: z.string() }),
  extraResources: z.array(z.unknown()),
  asar: z.boolean(),
  executableName: z.string(),
  electronVersion: z.string(),
  npmRebuild: z.boolean(),
  nodeGypRebuild: z.boolean(),
  buildDependenciesFromSource: z.boolean(),
  deb: z.looseObject({ depends: z.array(z.string()) }),
  electronFuses: z.record(z.string(), z.boolean()),
});
const config = BuilderConfig.parse(parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string>; dependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
// The fuse wire's byte values and sentinel (not re-exported by the package's index).
const { FuseState, SENTINEL } = require('@electron/fuses/dist/constants.js') as { FuseState: { ENABLE: number; DISABLE: number }; SENTINEL: string };

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration validator', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
    // The validator is not a rubber stamp: a misspelt option is refused.
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, targets: ['deb'] } }, { isEnabled: false, add() {} })).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds a Linux AppImage and deb of the staged app, with the agent and models as resources/agent', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.directories.app).toBe('dist/stage/app');
    expect(config.extraResources).toContainEqual({ from: 'dist/stage/agent', to: 'agent' });
    expect(config.extraResources).toContainEqual({ from: 'deploy/systemd', to: 'deploy/systemd' });
    expect(config.asar).toBe(true);
    expect(config.executableName).toBe('atrium');
  });

  it('pins the Electron version the project uses, and never rebuilds native modules for Electron', () => {
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect([config.npmRebuild, config.nodeGypRebuild, config.buildDependenciesFromSource]).toEqual([false, false, false]);
    expect(config.deb.depends).toContain('systemd'); // systemd-notify for the service watchdog
  });

  it('sets every fuse the build tool knows, to the kiosk values documented in docs/security.md', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    const security = readFileSync(path.join(root, 'docs/security.md'), 'utf8');
    for (const name of Object.keys(config.electronFuses)) expect(security).toContain(name);
  });

  it('electron-builder’s fuse step flips those fuses in an Electron fuse wire', async () => {
    // A synthetic binary with Electron's fuse sentinel and a 9-fuse V1 wire in Electron's default states.
    const defaults = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE];
    const binary = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-fuses-')), 'atrium');
    writeFileSync(binary, Buffer.concat([Buffer.from('\x7fELF padding '), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.from(' more padding')]));
    const { PlatformPackager } = require('app-builder-lib') as { PlatformPackager: { prototype: { generateFuseConfig(f: unknown): Promise<Record<string, unknown>>; addElectronFuses(c: unknown, f: unknown): Promise<unknown> } } };
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
    await PlatformPackager.prototype.addElectronFuses.call({ executableName: 'atrium', appInfo: { productFilename: 'atrium' } }, { appOutDir: path.dirname(binary), electronPlatformName: 'linux' }, fuseConfig);
    const wire = (await getCurrentFuseWire(binary)) as Record<number, number>;
    const state = (o: number) => wire[o];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    expect(wire[8]).toBe(FuseState.ENABLE); // a fuse the config does not name keeps Electron's default
  });
});

describe('staging the agent (deploy/stage.ts)', () => {
  it('finds the packages the agent imports, statically and dynamically', () => {
    expect(importedPackages(root)).toEqual(['better-sqlite3', 'fflate', 'mqtt', 'ngraph.graph', 'ngraph.path', 'node-thermal-printer', 'onnxruntime-node', 'pino', 'zod']);
  });

  it('takes their whole dependency tree from the lockfile, and nothing of the UI, the tests or the build tools', () => {
    const closure = dependencyClosure(lock, importedPackages(root));
    for (const p of ['node_modules/better-sqlite3', 'node_modules/mqtt', 'node_modules/mqtt-packet', 'node_modules/ws', 'node_modules/onnxruntime-common', 'node_modules/zod']) expect(closure).toContain(p);
    for (const p of ['node_modules/react', 'node_modules/vite', 'node_modules/electron', 'node_modules/@playwright/test', 'node_modules/electron-builder', 'node_modules/aedes']) expect(closure).not.toContain(p);
    expect(() => dependencyClosure(lock, ['left-pad-not-installed'])).toThrow(/package-lock.json has no left-pad-not-installed/);
  });

  it('keeps only this system’s native onnxruntime build', () => {
    expect(keepFile('node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node', 'linux', 'x64')).toBe(true);
    expect(keepFile('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/onnxruntime_binding.node', 'linux', 'x64')).toBe(false);
    expect(keepFile('node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll', 'linux', 'x64')).toBe(false);
    expect(keepFile('node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.dylib', 'linux', 'x64')).toBe(false);
    expect(keepFile('node_modules/onnxruntime-node/dist/index.js', 'linux', 'x64')).toBe(true);
  });

  const built = existsSync(path.join(root, 'dist/shell/shell/electron/main.js')) && existsSync(path.join(root, 'dist/renderer/index.html')) && existsSync(path.join(root, 'models/manifest.json'));
  it('the staged agent starts from its own folder with only the staged packages (Node --preserve-symlinks)', { timeout: 40_000, ...skipBecause(!built && 'dist or models missing: run npm run build and npm run models') }, async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'atrium-stage-'));
    const result = stage({ root, out, link: true, withNode: false });
    expect(JSON.parse(readFileSync(path.join(result.appDir, 'package.json'), 'utf8'))).toMatchObject({ main: 'dist/shell/shell/electron/main.js', dependencies: { zod: pkg.dependencies.zod } });
    expect(existsSync(path.join(result.appDir, 'dist/shell/shell/electron/preload.cjs'))).toBe(true);
    expect(existsSync(path.join(result.agentDir, 'models/manifest.json'))).toBe(true);
    expect(existsSync(path.join(result.agentDir, 'dist/renderer/index.html'))).toBe(true);
    expect(lstatSync(path.join(result.agentDir, 'node_modules/mqtt')).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(result.agentDir, 'node_modules/react'))).toBe(false);

    const data = mkdtempSync(path.join(tmpdir(), 'atrium-stage-data-'));
    const agent = spawn(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', path.join(result.agentDir, 'edge-agent/src/main.ts')], {
      cwd: result.agentDir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ATRIUM_DATA_DIR: data, ATRIUM_API_PORT: '0', ATRIUM_UI_DIR: path.join(result.agentDir, 'dist/renderer'), ATRIUM_MODELS_DIR: path.join(result.agentDir, 'models') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out2 = '';
    agent.stdout.on('data', (c: Buffer) => (out2 += c.toString()));
    agent.stderr.on('data', (c: Buffer) => (out2 += c.toString()));
    try {
      await vi.waitFor(() => expect(out2).toContain('"msg":"agent ready"'), { timeout: 20_000 });
      const port = Number(/"msg":"agent ready","port":(\d+)/.exec(out2)![1]);
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toMatch(/ok|degraded/);
      const model = await fetch(`http://127.0.0.1:${port}/models/blaze_face_short_range.tflite`);
      expect(model.status).toBe(200);
    } finally {
      agent.kill('SIGTERM');
    }
  });
});

const analyze = existsSync('/usr/bin/systemd-analyze');
describe('deploy/systemd/atrium-kiosk.service', skipBecause(!analyze && 'systemd-analyze not installed'), () => {
  const unit = readFileSync(path.join(root, 'deploy/systemd/atrium-kiosk.service'), 'utf8');

  it('is a notify service with a watchdog, restarted always, started with the graphical session', () => {
    const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(unit)?.[1];
    expect(value('Type')).toBe('notify');
    expect(value('NotifyAccess')).toBe('all');
    expect(value('WatchdogSec')).toBe('30s');
    expect(value('Restart')).toBe('always');
    expect(value('StartLimitIntervalSec')).toBe('0');
    expect(value('WantedBy')).toBe('graphical-session.target');
    expect(value('ExecStart')).toBe('/opt/Atrium/atrium');
  });

  it('has no key systemd-analyze does not understand', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-unit-'));
    // verify insists the command exists; everything else is checked as written.
    const file = path.join(dir, 'atrium-kiosk.service');
    writeFileSync(file, unit.replace(/^ExecStart=.*$/m, 'ExecStart=/bin/true'));
    const r = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe('');
    const bad = path.join(dir, 'bad.service');
    writeFileSync(bad, '[Service]\nTyp=notify\nExecStart=/bin/true\n');
    expect(spawnSync('systemd-analyze', ['verify', bad], { encoding: 'utf8' }).stderr).toContain("Unknown key 'Typ'");
  });
});
