/** Entry of the task list's bundle. */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import 'flatpickr/dist/flatpickr.min.css';
import '../../web-shared/src/styles/shared.css';
import './tasklist.css';
import { render } from 'preact';
import { checkSessionEarly } from '../../web-shared/src/auth/session.js';
import { useChineseDateDefaults } from '../../web-shared/src/form-js/index.js';
import { TasklistApp } from './tasklist-app.js';

useChineseDateDefaults();
checkSessionEarly();
render(<TasklistApp />, document.getElementById('app')!);
