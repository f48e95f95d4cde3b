// Only the parts of ECharts the dashboards draw, so the bundle carries no more of it than that;
// Chart.tsx loads this module on first use, so pages without a chart never download it.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
