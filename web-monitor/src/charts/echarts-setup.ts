/**
 * The parts of Apache ECharts the monitor draws with (bar charts on a grid, tooltips, legends, SVG). Loaded
 * on first use by chart.tsx, so the first screen does not wait for it. SVG rather than canvas: 首页's three charts
 * (a few dozen bars each) drew in a little less main-thread time (docs/performance-notes.md, eleventh session).
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
