// Messages between the page and the face worker. Frames go in as ImageBitmaps (transferred, closed by the
// worker); what comes back is a box and, when asked for, the 112x112 crop as base64 RGB. Nothing else of the
// frame leaves the worker.
import type { FaceDetection, FrameSize } from '../faceBox.ts';

export type FaceRequest =
  | { type: 'init'; modelUrl: string }
  | { type: 'frame'; id: number; frame: ImageBitmap; wantCrop: boolean };

export type FaceResult = {
  /** The most prominent face, or null. */
  face: FaceDetection | null;
  /** Faces above the score threshold in this frame (the wall uses only the most prominent one). */
  faces: number;
  /** base64 of the 112x112 RGB crop of `face`, when asked for and a face was found. */
  crop: string | null;
  frame: FrameSize;
  /** Time spent in FaceDetector.detectForVideo, and in cropping (drawImage + getImageData + base64). */
  detectMs: number;
  cropMs: number;
};

export type FaceReply =
  | { type: 'ready'; initMs: number }
  | { type: 'init-failed'; error: string }
  | ({ type: 'result'; id: number } & FaceResult)
  | { type: 'frame-failed'; id: number; error: string };
