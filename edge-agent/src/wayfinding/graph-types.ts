// The walkable-space graph's shapes (graph.ts builds it, nodes.ts places its nodes, route.ts searches it).
import type { Graph } from 'ngraph.graph';
import type { ConnectorKind, Point, Venue, VenueLevel, VenueUnit } from '../../../contracts/venue.ts';
import type { UnitCost } from './costs.ts';
import type { Box, Poly } from './geometry.ts';

export type NodeKind = 'door' | 'corner' | 'grid' | 'stop' | 'car' | 'place' | 'target';

export interface WayNode {
  x: number;
  y: number;
  levelId: string;
  ordinal: number;
  kind: NodeKind;
}

/** A walk inside one unit; cost = metres × the unit's factor (1 when the unit is where the route starts or ends). */
export interface WalkLink {
  vertical: false;
  metres: number;
  unitId: string;
  factor: number;
  stepFree: boolean;
}

/** A ride or climb between levels (or boarding a lift car); `oneWay` allows only link.fromId → link.toId. */
export interface RideLink {
  vertical: true;
  cost: number;
  seconds: number;
  connectorId: string;
  kind: ConnectorKind;
  stepFree: boolean;
  oneWay: boolean;
}

export type WayLink = WalkLink | RideLink;

/** A node as a member of a unit: `probe` is where visibility is tested from (a door's point nudged into the unit). */
export interface Member {
  id: number;
  probe: Point;
}

export interface UnitInfo {
  unit: VenueUnit;
  polys: Poly[];
  box: Box;
  cost: UnitCost;
  members: Member[];
}

export interface LevelInfo {
  level: VenueLevel;
  outline: Poly[];
  /** Walkable units of the level. */
  units: UnitInfo[];
  /** Units a route never enters (nonpublic, structure, open-to-below, ...). */
  blocked: UnitInfo[];
}

export interface WayGraph {
  venue: Venue;
  graph: Graph<WayNode, WayLink>;
  nodes: WayNode[];
  levels: Map<string, LevelInfo>;
  /** Every unit by id, walkable or not. */
  units: Map<string, UnitInfo>;
  /** The kinds of connector the venue has (the heuristic may only count on those). */
  kinds: Set<ConnectorKind>;
  /** Connector stop points per level: any kind, and step-free kinds only. */
  stops: { all: Map<string, Point[]>; stepFree: Map<string, Point[]> };
  /** Per node, the straight-line metres to the nearest stop on its level (index 0 any kind, 1 step-free kinds). */
  toStop: [Float64Array, Float64Array];
  buildMs: number;
}

/** Straight-line metres from (x, y) to the nearest of the points; Infinity when there are none. */
