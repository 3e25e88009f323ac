/**
 * The first screen's requests, started before the rest of the bundle is evaluated (main.tsx imports this module
 * first; evaluating the whole bundle takes a while on a busy PC): the session check, and the catalogue that
 * monitor-api.ts asks for as it is evaluated.
 */
import { checkSessionEarly } from '../../web-shared/src/auth/session-check.js';
import './monitor-api.js';

checkSessionEarly();
