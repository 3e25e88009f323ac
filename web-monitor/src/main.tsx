/** Entry of the monitor's bundle (charts and diagrams load in chunks of their own when first shown). */
// first: the session check and the catalogue go out before the rest of the bundle runs
import './early-requests.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import '../../web-shared/src/styles/shared.css';
import './monitor.css';
import { render } from 'preact';
import { MonitorApp } from './monitor-app.js';

render(<MonitorApp />, document.getElementById('app')!);
