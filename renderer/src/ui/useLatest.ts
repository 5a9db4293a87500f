// A ref that always holds the latest value of a prop or callback, for timers, listeners and async callbacks set up
// once. Written after each commit (not during render, where React may still discard the render), and in a layout
// effect so it is current before any timer, listener or effect of the same commit runs.
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
