/** `npm run catalog`: writes workers/catalog.json from the workers' zod schemas (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import { JOB_WORKERS } from '../workers/index.js';
import { jobTypeCatalog } from '../workers/runtime/job-type-catalog.js';

const file = new URL('../workers/catalog.json', import.meta.url);
writeFileSync(file, JSON.stringify(jobTypeCatalog(JOB_WORKERS), null, 2) + '\n');
console.log(`[catalog] ${JOB_WORKERS.length} job types written to workers/catalog.json`);
