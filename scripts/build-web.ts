/** `npm run build:web`: builds every web app's front end into web-<app>/dist/ (always, ignoring the stamp). */
import { ensureWebAppsBuilt } from '../web-shared/build/ensure-web-apps-built.js';

const outcomes = await ensureWebAppsBuilt({ force: true });
for (const outcome of outcomes) console.log(`[build:web] ${outcome.dir}: built in ${Math.round(outcome.ms)} ms`);
