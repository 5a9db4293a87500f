// Loads what the wall's camera features need: the manifest, the expression classifier (sha-checked, then an ONNX
// session) and the face detector file the page loads. Any problem becomes a state with a plain reason for staff,
// never an exception: the rest of the kiosk keeps working without the camera.
import type { ModelEntry } from '../../../contracts/models.ts';
import { ExpressionClassifier } from './classifier.ts';
import { checkModelFile, EXPRESSION_MODEL, FACE_DETECTOR, loadManifest, ManifestError, modelEntry } from './manifest.ts';

export type ModelState =
  | { status: 'ok'; entry: ModelEntry; classifier: ExpressionClassifier; loadMs: number }
  | { status: 'missing' | 'corrupt' | 'failed'; entry: ModelEntry | null; reason: string };

export async function loadExpressionModels(modelsDir: string, threads: number): Promise<ModelState> {
  const started = performance.now();
  let entry: ModelEntry;
  let detector: ModelEntry;
  try {
    const manifest = loadManifest(modelsDir);
    entry = modelEntry(manifest, EXPRESSION_MODEL);
    detector = modelEntry(manifest, FACE_DETECTOR);
  } catch (err) {
    if (err instanceof ManifestError) return { status: 'failed', entry: null, reason: err.message };
    throw err;
  }
  const file = checkModelFile(modelsDir, entry);
  if (file.status !== 'ok') return { status: file.status, entry, reason: file.reason };
  const det = checkModelFile(modelsDir, detector);
  if (det.status !== 'ok') return { status: det.status, entry, reason: `face detector: ${det.reason}` };
  try {
    const classifier = await ExpressionClassifier.open(entry, file.bytes, { threads });
    return { status: 'ok', entry, classifier, loadMs: performance.now() - started };
  } catch (err) {
    return { status: 'failed', entry, reason: `the expression model could not be loaded: ${(err as Error).message}` };
  }
}
