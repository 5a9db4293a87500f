// Which face the wall plays with, and the square around it that becomes the classifier's crop. Pure: the
// detector's boxes in, rectangles out, so the geometry is tested without a camera.

export type Box = { x: number; y: number; width: number; height: number };
export type FaceDetection = { box: Box; score: number };
export type FrameSize = { width: number; height: number };

/**
 * Detections below this score are ignored. BlazeFace's own default (0.5) lets through textures that look a
 * little like a face (a building's windows scored 0.59 next to a real face at 0.95 in the happy test clip);
 * real faces in front of the wall score 0.8 and up.
 */
export const MIN_FACE_SCORE = 0.7;
/** Faces smaller than this share of the frame's short side are passers-by far away, not players. */
export const MIN_FACE_FRACTION = 0.08;
/** The crop is the detector's box made square with this margin (1.0: the box itself), as the classifier expects. */
export const CROP_MARGIN = 1.0;

/** The most prominent face: the largest box among confident, near-enough detections (the higher score on a tie). */
export function mostProminentFace(detections: readonly FaceDetection[], frame: FrameSize, minScore = MIN_FACE_SCORE): FaceDetection | null {
  const minSide = Math.min(frame.width, frame.height) * MIN_FACE_FRACTION;
  let best: FaceDetection | null = null;
  for (const d of detections) {
    const { width, height } = d.box;
    if (!(d.score >= minScore) || !(width > 0 && height > 0) || Math.max(width, height) < minSide) continue;
    if (!best) { best = d; continue; }
    const area = width * height;
    const bestArea = best.box.width * best.box.height;
    if (area > bestArea || (area === bestArea && d.score > best.score)) best = d;
  }
  return best;
}

/**
 * The square crop around `box`: side max(width, height) x margin, centred on the box. Where the square would
 * cross the frame's edge it is moved back inside, so the crop keeps face rather than border; only a square
 * larger than the frame itself sticks out (and that part is drawn black).
 */
export function squareCrop(box: Box, frame: FrameSize, margin = CROP_MARGIN): Box {
  const side = Math.max(box.width, box.height) * margin;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return { x: fitInside(cx - side / 2, side, frame.width), y: fitInside(cy - side / 2, side, frame.height), width: side, height: side };
}

function fitInside(start: number, side: number, limit: number): number {
  if (side >= limit) return (limit - side) / 2;
  return Math.min(Math.max(start, 0), limit - side);
}
