// A process and everything it started, read from /proc (Linux): for the kiosk bench (memory of all the kiosk's
// processes together) and the recovery tests (finding the browser's renderer processes to kill).
import { readdirSync, readFileSync } from 'node:fs';

export type ProcInfo = { pid: number; ppid: number; cmdline: string };

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: parse after its closing parenthesis.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    return { pid, ppid, cmdline };
  } catch {
    return null; // gone meanwhile
  }
}

/** The process itself and all its descendants that are alive now. */
export function processTree(root: number): ProcInfo[] {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readProc(Number(d))).filter((p): p is ProcInfo => p !== null);
  const children = new Map<number, ProcInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const self = all.find((p) => p.pid === root);
  if (!self) return [];
  const out: ProcInfo[] = [];
  const queue = [self];
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p.pid) ?? []));
  }
  return out;
}

/** Resident (RSS) and proportional (PSS: shared pages split between their users) memory of one process, in kB. */
export function memoryKb(pid: number): { rss: number; pss: number } | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return null;
  }
}
