// The model manifest (models/manifest.json): every model file the kiosk runs, pinned by sha256, with where it comes
// from, its licence and exactly how to feed it. `npm run models` installs files against it; the agent checks a
// file's sha256 against it before loading; the page loads the detector from the path it names.
import { z } from 'zod';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '64 lower-case hex digits');
const FileName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'a plain file name in the models folder');

/** A source file the converter reads, pinned so a changed upstream file cannot slip in. */
const PinnedFile = z.object({ path: z.string().min(1), sha256: Sha256, size: z.number().int().positive() }).strict();

export const ModelSource = z.discriminatedUnion('kind', [
  /** Built on this machine by the project's converter from weights an npm package ships. */
  z.object({
    kind: z.literal('converted'),
    package: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'an exact version'),
    files: z.array(PinnedFile).min(1),
    /** Where the weights are published (for people; the converter reads the npm package). */
    url: z.url(),
    converter: z.string().min(1),
    /** A conversion made independently of ours, used to check our converter's output. */
    reference: z.object({ file: FileName, sha256: Sha256, maxAbsProbDiff: z.number().positive() }).strict().optional(),
  }).strict(),
  /** Copied from a mirror folder (ATRIUM_MODEL_MIRROR) or downloaded from its official URL. */
  z.object({ kind: z.literal('download'), url: z.url() }).strict(),
]);
export type ModelSource = z.infer<typeof ModelSource>;

/** How a square RGB crop becomes the model's input tensor. */
export const ImageInput = z.object({
  name: z.string().min(1),
  dtype: z.literal('float32'),
  /** 'N' is the batch dimension. */
  shape: z.array(z.union([z.literal('N'), z.number().int().positive()])),
  layout: z.enum(['NCHW', 'NHWC']),
  channels: z.enum(['RGB', 'BGR']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Value range the tensor holds: [0, 255] = the bytes as they are; [0, 1] = bytes / 255. */
  range: z.tuple([z.number(), z.number()]),
  /** Steps done inside the model's graph (documentation; the caller must not repeat them). */
  inGraph: z.string().optional(),
  /** How the crop is cut from the camera frame (done by the page). */
  crop: z.string(),
}).strict();
export type ImageInput = z.infer<typeof ImageInput>;

export const ModelEntry = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/),
  file: FileName,
  sha256: Sha256,
  size: z.number().int().positive(),
  licence: z.string().min(1),
  source: ModelSource,
  /** What runs it. */
  runtime: z.string().min(1),
  /** Path the agent's local server serves it at, for models the page loads; absent for agent-only models. */
  servedAt: z.string().regex(/^\/models\/[A-Za-z0-9_.-]+$/).optional(),
  input: z.union([ImageInput, z.object({ description: z.string() }).strict()]),
  output: z.object({ name: z.string().optional(), description: z.string(), shape: z.array(z.union([z.literal('N'), z.number().int().positive()])).optional() }).strict(),
  labels: z.array(z.string().min(1)).optional(),
  /** Needed for the wall's camera features (a missing or corrupt required model disables them). */
  required: z.boolean(),
}).strict();
export type ModelEntry = z.infer<typeof ModelEntry>;

export const ModelManifest = z.object({
  version: z.literal(1),
  models: z.array(ModelEntry).min(1),
}).strict();
export type ModelManifest = z.infer<typeof ModelManifest>;
