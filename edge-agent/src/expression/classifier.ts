// The expression classifier: an onnxruntime-node session over the sha-checked model bytes. onnxruntime-node is
// imported only when a classifier is opened, so a guide screen (or a wall with its camera off) never loads it.
import type { ImageInput, ModelEntry } from '../../../contracts/models.ts';
import type { Expression } from '../../../contracts/members.ts';
import { toInputTensor } from './preprocess.ts';

export type Classification = { probs: Float32Array; label: Expression; confidence: number; ms: number };

type Ort = typeof import('onnxruntime-node');
type Session = Awaited<ReturnType<Ort['InferenceSession']['create']>>;

export type ClassifierOptions = {
  /** Intra-op threads of the ONNX session; 1 keeps a core free for the page and the rest of the agent. */
  threads?: number;
};

export class ExpressionClassifier {
  readonly spec: ImageInput;
  readonly labels: readonly Expression[];
  readonly threads: number;
  private readonly ort: Ort;
  private readonly session: Session;
  private readonly outputName: string;

  private constructor(ort: Ort, session: Session, spec: ImageInput, labels: readonly Expression[], outputName: string, threads: number) {
    this.ort = ort;
    this.session = session;
    this.spec = spec;
    this.labels = labels;
    this.outputName = outputName;
    this.threads = threads;
  }

  /** Opens a session over model bytes already checked against the manifest entry. */
  static async open(entry: ModelEntry, modelBytes: Uint8Array, opts: ClassifierOptions = {}): Promise<ExpressionClassifier> {
    const spec = entry.input;
    if (!('layout' in spec)) throw new Error(`model ${entry.name}: the manifest gives no image input spec`);
    const labels = (entry.labels ?? []) as Expression[];
    if (labels.length === 0) throw new Error(`model ${entry.name}: the manifest gives no labels`);
    const threads = Math.max(1, Math.floor(opts.threads ?? 1));
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(modelBytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    if (!session.inputNames.includes(spec.name)) throw new Error(`model ${entry.name} has inputs ${session.inputNames.join(', ')}, the manifest says ${spec.name}`);
    const outputName = entry.output.name ?? session.outputNames[0]!;
    if (!session.outputNames.includes(outputName)) throw new Error(`model ${entry.name} has outputs ${session.outputNames.join(', ')}, the manifest says ${outputName}`);
    return new ExpressionClassifier(ort, session, spec, labels, outputName, threads);
  }

  /** One crop's RGB bytes (already validated) -> probabilities per label. */
  async classify(rgb: Uint8Array): Promise<Classification> {
    const started = performance.now();
    const data = toInputTensor(rgb, this.spec);
    const { width, height } = this.spec;
    const dims = this.spec.layout === 'NCHW' ? [1, 3, height, width] : [1, height, width, 3];
    const result = await this.session.run({ [this.spec.name]: new this.ort.Tensor('float32', data, dims) });
    const probs = Float32Array.from(result[this.outputName]!.data as Float32Array);
    if (probs.length !== this.labels.length) throw new Error(`classifier returned ${probs.length} values for ${this.labels.length} labels`);
    let best = 0;
    for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[best]!) best = i;
    return { probs, label: this.labels[best]!, confidence: probs[best]!, ms: performance.now() - started };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
