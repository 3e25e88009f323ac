/**
 * The three web apps and the Camunda component each needs in `authorizedComponents` (Camunda 8.8's names:
 * the monitor is our Operate). Shared by the browser (app switcher) and the servers (mounting, access check).
 */
import { zh } from '../i18n/zh-cn.js';

export type WebAppId = 'tasklist' | 'monitor' | 'modeler';

export interface WebAppInfo {
  id: WebAppId;
  /** Camunda component in `authorizedComponents`. */
  component: 'tasklist' | 'operate' | 'modeler';
  path: `/${string}`;
  titleZh: string;
}

export const WEB_APPS: Readonly<Record<WebAppId, WebAppInfo>> = {
  tasklist: { id: 'tasklist', component: 'tasklist', path: '/tasklist', titleZh: zh.apps.tasklist },
  monitor: { id: 'monitor', component: 'operate', path: '/monitor', titleZh: zh.apps.monitor },
  modeler: { id: 'modeler', component: 'modeler', path: '/modeler', titleZh: zh.apps.modeler },
};

/** Whether a user with these `authorizedComponents` may open the app (`*` = every component). */
export function mayUseApp(authorizedComponents: readonly string[], app: WebAppInfo): boolean {
  return authorizedComponents.includes('*') || authorizedComponents.includes(app.component);
}

/** Path of the JSON list of the apps this server mounts (ids), for the app switcher. */
export const MOUNTED_APPS_PATH = '/web-apps.json';
