/** Builds the front ends of every shipped web app that changed (or all, with `force`). */
import { WEB_APPS } from '../src/layout/web-apps.js';
import { ensureWebAppBuilt, type BuildOutcome, type WebAppSource } from './build-web-app.js';

/** The app folders with a front end, and the path each is served under. */
export const WEB_APP_SOURCES: readonly WebAppSource[] = [
  { dir: 'web-tasklist', basePath: WEB_APPS.tasklist.path, titleZh: WEB_APPS.tasklist.titleZh },
  { dir: 'web-monitor', basePath: WEB_APPS.monitor.path, titleZh: WEB_APPS.monitor.titleZh },
  {
    dir: 'web-modeler',
    basePath: WEB_APPS.modeler.path,
    titleZh: WEB_APPS.modeler.titleZh,
    extraSources: ['scripts/lint'],
    preactOf: '@bpmn-io/form-js-editor',
    namedExportsOf: { 'bpmnlint-plugin-camunda-compat': ['configs', 'rules'] },
  },
];

export async function ensureWebAppsBuilt(options: { force?: boolean } = {}): Promise<(BuildOutcome & { dir: string })[]> {
  const outcomes = [];
  for (const source of WEB_APP_SOURCES) outcomes.push({ dir: source.dir, ...(await ensureWebAppBuilt(source, options)) });
  return outcomes;
}
