/**
 * What a web app hands to the shared server layer: where it is served, where its built front end is, and its
 * own API routes (mounted under `<path>/api`, behind the login check of {@link CurrentUserAuth}).
 */
import type { Router } from 'express';
import type { WebAppInfo } from '../src/layout/web-apps.js';
import type { CurrentUserAuth } from './current-user.js';

export interface WebAppModule {
  info: WebAppInfo;
  /** The app's folder (`web-tasklist`), holding `src/` and the built `dist/`. */
  dir: string;
  /** The app's own routes; `auth.require(info)` protects them. */
  api?: (auth: CurrentUserAuth) => Router;
  /** Closes what the app opened (databases). */
  close?: () => void | Promise<void>;
}
