/**
 * What a web app hands to the shared server layer: where it is served, where its built front end is, and its
 * own API routes (mounted under `<path>/api`, behind the login check of {@link CurrentUserAuth}).
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { Router } from 'express';
import type { CurrentUser } from '../src/api/camunda-types.js';
import type { WebAppInfo } from '../src/layout/web-apps.js';
import type { CurrentUserAuth } from './current-user.js';

export interface WebAppModule {
  info: WebAppInfo;
  /** The app's folder (`web-tasklist`), holding `src/` and the built `dist/`. */
  dir: string;
  /** The app's own routes; `auth.require(info)` protects them. */
  api?: (auth: CurrentUserAuth) => Router;
  /**
   * Called once the server has the apps' own service account (`npm start`: a user of the embedded engine;
   * `npm run web`: the SDK's variables): apps that read /v2 in the background (the monitor's read model) start.
   */
  start?: (services: WebAppServices) => void;
  /**
   * A page whose first screen comes with the HTML (first-screen-page.ts): for a signed-in user allowed to use the
   * app, the server puts the session check's answer and this data into the page, so the page shows its figures
   * without waiting for two round trips.
   */
  firstScreen?: FirstScreenHook;
  /**
   * Stops what the app does in the background (the monitor's feeder), its last piece of work finished; its routes
   * keep answering from what it holds until {@link close}.
   */
  stop?: () => Promise<void>;
  /** Closes what the app opened (databases), after {@link stop} where it has not run. */
  close?: () => void | Promise<void>;
}

export interface WebAppServices {
  /** An SDK client with the service account's credentials, on the engine or cluster the apps serve. */
  camunda: Camunda8;
}

export interface FirstScreenHook {
  /** Whether the page at `path` (below the app's path, `/` for its first page) has its first screen inlined. */
  covers(path: string): boolean;
  /**
   * The page's data for `user` (already allowed to use the app, as the app's API routes require), at the engine's
   * time `now`, or a promise of them; undefined: nothing to inline (the page asks as usual).
   */
  data(user: CurrentUser, now: Date): unknown;
}
