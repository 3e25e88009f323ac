/** The project's lint on the canvas (ProjectLint), on top of @camunda/linting's modeler module. */
import lintingModule from '@camunda/linting/modeler';
import { ProjectLint } from './project-lint.js';

export default {
  __depends__: [lintingModule],
  __init__: ['projectLint'],
  projectLint: ['type', ProjectLint],
};
