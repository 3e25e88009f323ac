/** Entry of the monitor's bundle (charts and diagrams load in chunks of their own when first shown). */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import '../../web-shared/src/styles/shared.css';
import './monitor.css';
import { render } from 'preact';
import { checkSessionEarly } from '../../web-shared/src/auth/session.js';
import { MonitorApp } from './monitor-app.js';

checkSessionEarly();
render(<MonitorApp />, document.getElementById('app')!);
