// `npm run hq -- parking park PLATE --space B2-118` and `npm run hq -- parking list`: the car park from a terminal.
// They write and read HQ's parking.db in the data folder (default: npm start's demo HQ's), which the running demo HQ
// reads on every request, so the demo kiosk finds a car parked here at once, with no flags and no broker.
import path from 'node:path';
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import { checkPlate, normalisePlate, PLATE_PROBLEM_TEXT } from '../../../common/plate.ts';
import { UsageError, type CliOptions } from '../cli-args.ts';
import { renderTable } from '../fleet-table.ts';
import { demoCarPark, seedDemoCarPark } from './car-park.ts';
import { DEMO_TARIFF, stayFee } from './fee.ts';
import { ParkingStore } from './store.ts';

const out = (line = '') => process.stdout.write(line + '\n');

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function duration(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  return `${d ? `${d}d ` : ''}${h}h ${minutes % 60}m`;
}

export function parkingTool(o: CliOptions): number {
  const [verb, plateArg, ...rest] = o.positional;
  if (verb !== 'park' && verb !== 'list' && verb !== 'leave') throw new UsageError('parking needs `park <plate> --space B2-118`, `leave <plate>` or `list`');
  const carPark = demoCarPark();
  const dataDir = path.resolve(o.data);
  const now = new Date();
  const timeZone = o.timeZone || DEFAULT_MALL_TIME_ZONE;
  if (verb === 'list') {
    if (plateArg !== undefined) throw new UsageError('parking list takes no arguments');
  } else {
    if (!plateArg || rest.length) throw new UsageError(`parking ${verb} needs exactly one <plate>, e.g. parking ${verb} 沪AD12348`);
    const check = checkPlate(plateArg);
    if (check.status !== 'complete') throw new UsageError(`not a plate: ${JSON.stringify(plateArg)}: ${PLATE_PROBLEM_TEXT[check.problem].en}`);
    if (verb === 'park') {
      if (!o.space) throw new UsageError('parking park needs --space, e.g. --space B2-118');
      if (!carPark.spaces.has(o.space)) throw new UsageError(`no space ${JSON.stringify(o.space)} in the car park (B2-101 to B2-148)`);
    }
  }
  const store = new ParkingStore(dataDir);
  try {
    seedDemoCarPark(store, now);
    if (verb === 'park') {
      const plate = normalisePlate(plateArg!);
      store.park({ plate, space: o.space!, enteredAt: now, photo: null });
      out(`parking: ${plate} parked at ${o.space} (zone ${carPark.spaces.get(o.space!)!.zone}) at ${now.toISOString()}`);
      return 0;
    }
    if (verb === 'leave') {
      const plate = normalisePlate(plateArg!);
      if (!store.leave(plate)) throw new Error(`no car ${plate} in the car park (${dataDir})`);
      out(`parking: ${plate} left`);
      return 0;
    }
    const cars = store.cars();
    if (!cars.length) {
      out('no cars parked');
      return 0;
    }
    const rows = cars.map((c) => {
      const minutes = Math.floor((now.getTime() - c.enteredAt.getTime()) / 60_000);
      const space = carPark.spaces.get(c.space);
      return [c.plate, c.space, space?.zone ?? '?', c.enteredAt.toISOString(), duration(minutes), yuan(stayFee(c.enteredAt, now, DEMO_TARIFF, timeZone).feeFen), c.photo ? 'yes' : '-'];
    });
    for (const line of renderTable(['PLATE', 'SPACE', 'ZONE', 'ENTERED', 'PARKED', 'FEE NOW', 'PHOTO'], rows)) out(line);
    out();
    out(`${cars.length} car(s); tariff: ${DEMO_TARIFF.graceMin} min free, ${yuan(DEMO_TARIFF.hourlyFen)} per started hour, at most ${yuan(DEMO_TARIFF.dailyCapFen)} a day (${timeZone})`);
    return 0;
  } finally {
    store.close();
  }
}

