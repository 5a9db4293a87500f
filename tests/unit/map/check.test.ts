// `map check FILE`: the report's last line and the exit code on a usable map (the demo zip, an unzipped folder, the
// small-building export) and on files that are not usable: a zip with 0 levels, a malformed zip, malformed JSON,
// a 200 MB file (sparse, refused before it is read), a path that does not exist.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MAP_CHECK_EXIT, mapCheck } from '../../../hq-sim/src/map/check.ts';
import { demoMapZip } from '../../../common/node/imdf/demo-map.ts';

const dir = mkdtempSync(join(tmpdir(), 'atrium-map-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe('mapCheck', () => {
  it('passes the demo map: counts per type, levels by ordinal, exit 0', () => {
    const { lines, exitCode } = mapCheck(file('galaxy-plaza.zip', demoMapZip()));
    expect(exitCode).toBe(MAP_CHECK_EXIT.ok);
    expect(lines.at(-1)).toBe('map check: 8 levels, 207 units, 149 openings, 0 problems');
    expect(lines).toContain('  occupant          36');
    expect(lines.filter((l) => /^ +-?\d+ {2}(B1|\dF) /.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      '-1 B1 28', '0 1F 28', '1 2F 28', '2 3F 28', '3 4F 28', '4 5F 28', '5 6F 28',
    ]);
  });

  it('reads an unzipped IMDF folder the same way', () => {
    const folder = join(dir, 'galaxy-plaza');
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(unzipSync(demoMapZip()))) writeFileSync(join(folder, name), bytes);
    const { lines, exitCode } = mapCheck(folder);
    expect(exitCode).toBe(0);
    expect(lines.at(-1)).toBe('map check: 8 levels, 207 units, 149 openings, 0 problems');
  });

  it('passes the small-building export and lists each problem with its feature id', () => {
    const { lines, exitCode } = mapCheck(fileURLToPath(new URL('../../fixtures/imdf/small-building.geojson', import.meta.url)));
    expect(exitCode).toBe(0);
    expect(lines).toContain('  repaired unit hah-2-r4: name given as a plain string; taken as zh');
    expect(lines).toContain('  skipped  opening hah-9-door: level_id hah-level-9 points to no level');
    expect(lines.at(-1)).toBe('map check: 3 levels, 24 units, 25 openings, 5 problems');
  });

  it('fails a zip with 0 levels, saying why', () => {
    const files = unzipSync(demoMapZip());
    delete files['level.geojson'];
    const { lines, exitCode } = mapCheck(file('no-levels.zip', zipSync(files)));
    expect(exitCode).toBe(MAP_CHECK_EXIT.unusable);
    expect(lines.at(-2)).toBe('not usable: the map has no level features');
    expect(lines.at(-1)).toBe('map check: 0 levels, 0 units, 0 openings, 1 problems');
  });

  it('fails a malformed zip', () => {
    const bytes = demoMapZip().slice(0, 3000);
    const { lines, exitCode } = mapCheck(file('cut.zip', bytes));
    expect(exitCode).not.toBe(0);
    expect(lines.at(-2)).toMatch(/^not usable: malformed zip: /);
    const notZip = mapCheck(file('text.zip', 'hello'));
    expect(notZip.lines.at(-2)).toBe('not usable: malformed zip: text.zip does not start with a zip signature');
  });

  it('fails malformed JSON, in a file or inside a zip', () => {
    const plain = mapCheck(file('broken.geojson', '{"type":"FeatureCollection","features":[{"type":'));
    expect(plain.exitCode).not.toBe(0);
    expect(plain.lines.at(-2)).toMatch(/^not usable: malformed JSON in broken\.geojson: /);
    const zipped = mapCheck(file('bad-json.zip', zipSync({ 'unit.geojson': strToU8('{nope') })));
    expect(zipped.lines.at(-2)).toMatch(/^not usable: malformed JSON in unit\.geojson: /);
    const notGeoJson = mapCheck(file('array.json', '{"hello": 1}'));
    expect(notGeoJson.lines.at(-2)).toBe('not usable: array.json is not a GeoJSON FeatureCollection');
  });

  it('refuses a 200 MB file quickly, without reading it', () => {
    const path = join(dir, 'huge.zip');
    writeFileSync(path, '');
    truncateSync(path, 200 * 1024 * 1024); // sparse: takes no disk space
    const started = performance.now();
    const { lines, exitCode } = mapCheck(path);
    expect(performance.now() - started).toBeLessThan(500);
    expect(exitCode).toBe(MAP_CHECK_EXIT.unusable);
    expect(lines.at(-2)).toBe('not usable: huge.zip is 200 MB; maps over 100 MB are refused');
  });

  it('fails a path that does not exist', () => {
    const { lines, exitCode } = mapCheck(join(dir, 'missing.zip'));
    expect(exitCode).not.toBe(0);
    expect(lines.at(-2)).toBe(`not usable: ${join(dir, 'missing.zip')}: no such file or folder`);
  });
});
