/** Entry of the web modeler's bundle; the editors load in chunks of their own when a file is opened. */
// the editors' own styles load with the page (esbuild does not inject the CSS of lazy chunks); their scripts load on demand
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import '@camunda/linting/assets/linting.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import 'flatpickr/dist/flatpickr.min.css';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import '../../web-shared/src/styles/shared.css';
import './modeler.css';
import { render } from 'preact';
import { useChineseDateDefaults } from '../../web-shared/src/form-js/index.js';
import { ModelerApp } from './modeler-app.js';

useChineseDateDefaults();
render(<ModelerApp />, document.getElementById('app')!);
