// A standalone runner for `map check` until the HQ CLI wires it: node_modules/.bin/node hq-sim/src/map/check-main.ts FILE
import { mapCheck } from './check.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node hq-sim/src/map/check-main.ts FILE (an IMDF zip, folder or GeoJSON FeatureCollection)');
  process.exit(64);
}
const { lines, exitCode } = mapCheck(file);
for (const line of lines) console.log(line);
process.exitCode = exitCode;
