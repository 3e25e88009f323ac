/**
 * Which test files change what the whole process shares (vitest.config.ts). Test files share their worker process
 * and its modules with the files before them, so the engine, the web apps and Playwright are loaded once per worker
 * instead of once per file (measured on 18 files: vitest's collect phase 48 s → 12 s, the run 202 s → 157 s). The
 * files named here get fresh modules and mocks each, and run as a group in worker processes that no other file uses.
 *
 * A file is told by what it does to the process: mocks a module, stubs an environment variable or a global, fakes
 * timers or the system time, spies on a prototype or a global object, changes the working directory or listens to
 * process events. Such a file still gives back what it changed when it ends (the files of its group share a process:
 * a zone set in `TZ` is set back in `afterAll`). A helper in test/support that changes such a thing undoes it before
 * it returns (as query-plans.ts restores its spy), and every file stops what it started (servers, timers, child
 * processes) in `afterAll`: the next file in the process would otherwise meet it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PROCESS_WIDE =
  /vi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|spyOn|setSystemTime|resetModules)\b|process\.env(\.[A-Z_]+|\[[^\]]+\]) *=[^=]|delete process\.env|process\.chdir|process\.(on|once)\(|process\.exitCode|globalThis\.[A-Za-z_]+ *=[^=]|Object\.defineProperty\(globalThis/;

/** The test files below `dir` (relative to the repository) that change process-wide state. */
export function filesChangingProcessState(dir = 'test'): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => join(dir, file))
    .filter((file) => PROCESS_WIDE.test(readFileSync(file, 'utf8')))
    .sort();
}
