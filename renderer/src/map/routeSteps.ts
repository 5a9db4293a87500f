// Which leg each step of a route belongs to, and which level a tap on it should show: a step that takes a lift or
// escalator ("乘扶梯到 5F") shows the level it goes TO; any other step the level it is walked on. Pure.
import type { Route } from '../../../contracts/venue.ts';

export type StepTarget = { leg: number; levelId: string };

export function stepTargets(route: Route): StepTarget[] {
  let leg = 0;
  return route.steps.map((step) => {
    // Steps come in leg order; a step on another level than the current leg's means the legs moved on.
    while (leg < route.legs.length - 1 && route.legs[leg]!.levelId !== step.levelId && route.legs.slice(leg + 1).some((l) => l.levelId === step.levelId)) leg++;
    const current = route.legs[leg]!;
    if (step.kind === 'connector' && current.connector) {
      const target = { leg: Math.min(leg + 1, route.legs.length - 1), levelId: current.connector.toLevelId };
      leg = target.leg;
      return target;
    }
    return { leg, levelId: current.levelId };
  });
}

/** The distinct levels the route walks on, in order. */
export function routeLevels(route: Route): string[] {
  return [...new Set(route.legs.map((l) => l.levelId))];
}

/** Whole minutes for the total, at least one. */
export function routeMinutes(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}
