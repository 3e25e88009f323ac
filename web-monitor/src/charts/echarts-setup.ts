/**
 * The parts of Apache ECharts the monitor draws with (bar charts on a grid, tooltips, legends, mark lines,
 * canvas). Loaded on first use by chart.tsx, so the first screen does not wait for it.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { init };
