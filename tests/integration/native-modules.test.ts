// Every native module loads on this machine's Node (24) after `npm ci`, with no compiler and no download.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { freshDataDir, repoRoot } from '../support/agent-process.ts';

const sharedModel = path.join(repoRoot, '..', 'shared', 'models', 'faceapi-expression.onnx');

describe('native modules', () => {
  it('better-sqlite3 opens a real file in WAL mode', () => {
    const db = new Database(path.join(freshDataDir(), 'probe.db'));
    expect(db.pragma('journal_mode = WAL', { simple: true })).toBe('wal');
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (42)');
    expect(db.prepare('SELECT x FROM t').get()).toEqual({ x: 42 });
    db.close();
  });

  it('onnxruntime-node runs the CPU backend on a real model (CUDA download skipped at install)', async () => {
    expect(existsSync(sharedModel), `${sharedModel} should be present beside the project`).toBe(true);
    const session = await ort.InferenceSession.create(sharedModel, { intraOpNumThreads: 1, executionProviders: ['cpu'] });
    expect(session.inputNames).toEqual(['input']);
    const input = new ort.Tensor('float32', new Float32Array(3 * 112 * 112).fill(128), [1, 3, 112, 112]);
    const out = await session.run({ input });
    const probs = Array.from(out[session.outputNames[0]!]!.data as Float32Array);
    expect(probs).toHaveLength(7);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    await session.release();
  });
});
