// `npm run models`: installs the models of models/manifest.json into the models folder and checks them.
//   - face-expression: converted here from the FaceExpressionNet weights of the pinned npm package, then compared
//     with the reference conversion (same argmax, max abs probability difference under the manifest's tolerance)
//     on the labelled photos when the mirror and the photos are there;
//   - face-detector: copied from the mirror folder, or downloaded from its official URL.
// A file whose sha256 is not the pinned one is refused and not installed. Exit code 0 only when every required
// model is in place (and parity, when checked, holds).
//
// `npm run models -- --check` only verifies the installed files.
// Environment: ATRIUM_MODELS_DIR (default ./models), ATRIUM_MODEL_MIRROR (default ../shared/models; empty for
// none), ATRIUM_MODEL_DOWNLOAD=0 (never download), ATRIUM_TEST_FACES (labelled photos for the parity check,
// default ../shared/test-data/faces).
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelManifest } from '../contracts/models.ts';
import { checkModelFile, EXPRESSION_MODEL, MANIFEST_FILE, modelEntry } from '../edge-agent/src/expression/manifest.ts';
import { convertFaceExpression, installModels } from './models/install.ts';
import { checkParity, photoCrops } from './models/parity.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
const modelsDir = path.resolve(env.ATRIUM_MODELS_DIR || path.join(root, 'models'));
const mirrorDir = env.ATRIUM_MODEL_MIRROR === '' ? null : path.resolve(root, env.ATRIUM_MODEL_MIRROR ?? '../shared/models');
const facesDir = path.resolve(root, env.ATRIUM_TEST_FACES ?? '../shared/test-data/faces');
const checkOnly = process.argv.includes('--check');

function fail(message: string): never {
  process.stderr.write(`models: ${message}\n`);
  process.exit(1);
}

const manifestFile = path.join(root, 'models', MANIFEST_FILE);
const parsed = ModelManifest.safeParse(JSON.parse(readFileSync(manifestFile, 'utf8')));
if (!parsed.success) fail(`${manifestFile} is invalid: ${parsed.error.message}`);
const manifest = parsed.data;
// The agent reads the manifest from the folder it loads models from.
if (path.resolve(path.join(modelsDir, MANIFEST_FILE)) !== path.resolve(manifestFile)) {
  mkdirSync(modelsDir, { recursive: true });
  copyFileSync(manifestFile, path.join(modelsDir, MANIFEST_FILE));
}

if (checkOnly) {
  let bad = 0;
  for (const entry of manifest.models) {
    const c = checkModelFile(modelsDir, entry);
    console.log(`${c.status.padEnd(8)} ${entry.file}${c.status === 'ok' ? '' : `: ${c.reason}`}`);
    if (c.status !== 'ok' && entry.required) bad++;
  }
  process.exit(bad === 0 ? 0 : 1);
}

console.log(`models: installing into ${path.relative(process.cwd(), modelsDir) || '.'} (mirror: ${mirrorDir ?? 'none'}, downloads ${env.ATRIUM_MODEL_DOWNLOAD === '0' ? 'off' : 'on'})`);
const started = performance.now();
const results = await installModels(manifest, {
  modelsDir, mirrorDir, packagesDir: path.join(root, 'node_modules'), download: env.ATRIUM_MODEL_DOWNLOAD !== '0',
  log: (line) => console.log(`  ${line}`),
});
let failed = results.filter((r) => (r.status === 'refused' || r.status === 'failed') && manifest.models.find((m) => m.name === r.name)?.required).length;

// Parity of our conversion with the reference conversion (CI has both in the mirror folder and the photos).
const expression = modelEntry(manifest, EXPRESSION_MODEL);
const src = expression.source;
const referenceFile = src.kind === 'converted' && src.reference && mirrorDir ? path.join(mirrorDir, src.reference.file) : null;
if (referenceFile && existsSync(referenceFile) && checkModelFile(modelsDir, expression).status === 'ok' && 'width' in expression.input) {
  const crops = existsSync(facesDir) ? photoCrops(facesDir, expression.input.width) : [];
  if (crops.length === 0) {
    console.log(`  parity    skipped: no labelled photos in ${facesDir}`);
  } else {
    const report = await checkParity(expression, convertFaceExpression(expression, path.join(root, 'node_modules')), referenceFile, crops);
    console.log(`  parity    ours vs reference ${path.basename(referenceFile)} on ${report.cases.length} crops of ${crops.length / 2} photos:`);
    for (const c of report.cases) console.log(`            ${c.name.padEnd(28)} ours ${c.ours.padEnd(9)} ref ${c.reference.padEnd(9)} p=${c.oursP.toFixed(4)} max|diff|=${c.maxAbsDiff.toExponential(2)}`);
    console.log(`  parity    ${report.ok ? 'ok' : 'FAILED'}: same argmax ${report.sameArgmax}/${report.cases.length}, max abs prob difference ${report.maxAbsDiff.toExponential(2)} (tolerance ${report.tolerance})`);
    if (!report.ok) failed++;
  }
} else {
  console.log('  parity    skipped: no reference conversion in the mirror folder (the pinned sha256 stands for the checked output)');
}

console.log(`models: ${failed === 0 ? 'ready' : `${failed} problem(s)`} in ${Math.round(performance.now() - started)} ms`);
process.exit(failed === 0 ? 0 : 1);
