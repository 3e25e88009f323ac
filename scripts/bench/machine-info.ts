/** The machine a benchmark ran on, for the report. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  /** Filesystem type of the temp directory holding the engine's data (fsync cost depends on it). */
  tmpFilesystem: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    tmpFilesystem: filesystemOf(os.tmpdir()),
  };
}

/** Filesystem type and mount point of `path`, e.g. "ext4 (/tmp on /)". */
export function filesystemOf(path: string): string {
  try {
    let best = { mount: '', type: 'unknown' };
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, mount, type] = line.split(' ');
      if (!mount || !type) continue;
      const inside = path === mount || path.startsWith(mount.endsWith('/') ? mount : mount + '/');
      if (inside && mount.length >= best.mount.length) best = { mount, type };
    }
    return `${best.type} (${path} on ${best.mount})`;
  } catch {
    return 'unknown';
  }
}
