/**
 * CPU time (ms, user + system): of this process via process.cpuUsage, of a child via /proc/<pid>/stat, of each
 * thread of a child via /proc/<pid>/task/<tid>/stat, and of the whole machine via /proc/stat — so a run can tell
 * how much CPU other programs took while it measured, and how busy the child's busiest thread was.
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux

export function cpuTimeMs(pid: number = process.pid): number | undefined {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time (ms) of every thread of `pid` by thread id, with the thread's name; empty off Linux or once it exited. */
export function threadCpuTimesMs(pid: number): Map<number, { name: string; ms: number }> {
  const threads = new Map<number, { name: string; ms: number }>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    const ms = statCpuMs(`/proc/${pid}/task/${tid}/stat`);
    if (ms === undefined) continue; // the thread ended meanwhile
    let name = '?';
    try {
      name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      // keep '?'
    }
    threads.set(Number(tid), { name, ms });
  }
  return threads;
}

/** The thread that used the most CPU between two readings of `threadCpuTimesMs`, and how much (ms). */
export function busiestThread(
  before: ReadonlyMap<number, { name: string; ms: number }>,
  after: ReadonlyMap<number, { name: string; ms: number }>,
): { tid: number; name: string; ms: number } | undefined {
  let busiest: { tid: number; name: string; ms: number } | undefined;
  for (const [tid, { name, ms }] of after) {
    const used = ms - (before.get(tid)?.ms ?? 0); // a thread started in between used all it has
    if (!busiest || used > busiest.ms) busiest = { tid, name, ms: used };
  }
  return busiest;
}

/** Busy CPU time of all cores together (everything but idle and iowait), or undefined off Linux. */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

// helpers

function statCpuMs(path: string): number | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based)
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
