/** Entry of the task list's bundle. */
// first: the session check and the catalogue go out before the rest of the bundle runs
import { sessionChecked } from './early-requests.js';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import 'flatpickr/dist/flatpickr.min.css';
import '../../web-shared/src/styles/shared.css';
import './tasklist.css';
import { render } from 'preact';
import { useChineseDateDefaults } from '../../web-shared/src/form-js/index.js';
import { TasklistApp } from './tasklist-app.js';

/**
 * How long the first render waits for the session check at most (then it shows 正在加载… until the answer). The
 * first screen's searches go out as the check answers; rendering first would keep the page's one thread busy
 * while that answer waits, and the searches with it. After the answer, the first render shows the signed-in app.
 */
const FIRST_RENDER_WAIT_MS = 300;

useChineseDateDefaults();
void Promise.race([sessionChecked, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(() =>
  render(<TasklistApp />, document.getElementById('app')!),
);
