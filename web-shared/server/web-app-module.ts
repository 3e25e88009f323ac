/**
 * What a web app hands to the shared server layer: where it is served, where its built front end is, and its
 * own API routes (mounted under `<path>/api`, behind the login check of {@link CurrentUserAuth}).
 */
import type { Camunda8 } from '@camunda8/sdk';
import type { Router } from 'express';
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
  /** Closes what the app opened (databases). */
  close?: () => void | Promise<void>;
}

export interface WebAppServices {
  /** An SDK client with the service account's credentials, on the engine or cluster the apps serve. */
  camunda: Camunda8;
}
