/** Entry of the task list's bundle. */
// first: the session check and the catalogue go out before the rest of the bundle runs
import './early-requests.js';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import 'flatpickr/dist/flatpickr.min.css';
import '../../web-shared/src/styles/shared.css';
import './tasklist.css';
import { render } from 'preact';
import { useChineseDateDefaults } from '../../web-shared/src/form-js/index.js';
import { TasklistApp } from './tasklist-app.js';

useChineseDateDefaults();
render(<TasklistApp />, document.getElementById('app')!);
