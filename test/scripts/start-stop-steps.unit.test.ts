/**
 * `npm start`'s stop steps, run as it runs them (runStopSteps): front to back — the apps' background work, the
 * workers, the port, the apps' files, the engine, the sandbox — and each guarded: a web app whose file does not close
 * leaves nothing running behind it, its failure is logged without the error's own fields, and the stop fails at the end.
 * `npm run web`'s stop keeps the same order for what it has: background work, port, files, client.
 */
import { describe, expect, it } from 'vitest';
import { startStopSteps } from '../../scripts/start-stop-steps.js';
import { runStopSteps } from '../../scripts/stop-steps.js';
import { webStopSteps } from '../../scripts/web-stop-steps.js';

/** Fakes of what npm start stops, each noting its step in `done` (or throwing, for those in `failing`). */
function running(failing: string[] = []) {
  const done: string[] = [];
  const step = (name: string) => async () => {
    if (failing.includes(name)) {
      throw Object.assign(new Error(`${name} did not close`), { request: { body: '{"idNumber":"630103196503152014"}' } });
    }
    done.push(name);
  };
  const client = (name: string) => ({ closeAllClients: step(name) }) as never;
  return {
    done,
    parts: {
      web: { stop: step('web apps stop'), close: step('web apps close') },
      server: { closeHttp: (graceMs: number) => step(`port closes (${graceMs > 0 ? 'requests under way answered' : 'cut'})`)(), stop: step('engine') },
      sandbox: { stop: step('sandbox') },
      workers: { stop: step('workers') },
      workerClient: client('workers client'),
      appClients: [client('names client'), client('monitor client')],
    },
  };
}

describe('npm start’s stop', () => {
  it('should stop the apps’ background work first, then the port with the requests under way answered, the files, the engine last', async () => {
    // given
    const { done, parts } = running();

    // when
    await runStopSteps('start', startStopSteps(parts), () => undefined);

    // then
    expect(done).toEqual([
      'web apps stop',
      'workers',
      'workers client',
      'port closes (requests under way answered)',
      'web apps close',
      'names client',
      'monitor client',
      'engine',
      'sandbox',
    ]);
  });

  it('should carry on past a step that fails, log it without the error’s fields, and fail at the end', async () => {
    // given the web apps' files do not close
    const { done, parts } = running(['web apps close']);
    const logged: string[] = [];

    // when
    const stopped = runStopSteps('start', startStopSteps(parts), (line) => logged.push(line));

    // then the workers, the engine and the sandbox stop all the same, and the stop fails (npm start exits 1)
    await expect(stopped).rejects.toThrow('1 of 10 stop steps failed: web apps\' files');
    expect(done).toEqual(expect.arrayContaining(['workers', 'engine', 'sandbox']));
    expect(done.indexOf('sandbox')).toBe(done.length - 1);
    expect(logged).toEqual(['[start] stop step "web apps\' files" failed (Error): web apps close did not close']);
    expect(logged.join('\n')).not.toContain('630103196503152014');
  });
});

describe('npm run web’s stop', () => {
  it('should stop the apps’ background work first, then the port with the requests under way answered, the files, the client', async () => {
    // given
    const { done, parts } = running();

    // when
    await runStopSteps('web', webStopSteps({ server: { closeHttp: parts.server.closeHttp, apps: parts.web }, appClient: parts.appClients[1] }), () => undefined);

    // then
    expect(done).toEqual(['web apps stop', 'port closes (requests under way answered)', 'web apps close', 'monitor client']);
  });
});
