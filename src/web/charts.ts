import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, FunnelChart, GridComponent, LegendComponent, SVGRenderer]);

/**
 * Apache ECharts rendered on the server to SVG: the dashboard needs no script in the browser. Only our own
 * labels (taxonomy names, months, stages) go into a chart, never user-written text.
 */
export interface Datum {
  label: string;
  value: number;
}

const BLUE = '#1a5fb4';
const PALETTE = [BLUE, '#2e86de', '#5b3ea8', '#1e7a3d', '#c27c0e', '#8e44ad'];
const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif';

function render(option: Record<string, unknown>, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: FONT, color: '#1f2933' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Horizontal bars, largest on top: suits long Chinese category names (industries). */
export function horizontalBars(data: Datum[], width = 560): string {
  const rows = [...data].sort((a, b) => a.value - b.value);
  const height = Math.max(160, rows.length * 26 + 40);
  return render(
    {
      grid: {
        left: 8,
        right: 40,
        top: 10,
        bottom: 10,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((d) => d.label), axisLabel: { fontSize: 12 } },
      series: [
        {
          type: 'bar',
          data: rows.map((d) => d.value),
          label: { show: true, position: 'right' },
          barMaxWidth: 18,
        },
      ],
    },
    width,
    height,
  );
}

/** Vertical bars in the order given (cities). */
export function columns(data: Datum[], width = 560, height = 260): string {
  return render(
    {
      grid: {
        left: 8,
        right: 8,
        top: 24,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: {
        type: 'category',
        data: data.map((d) => d.label),
        axisLabel: { interval: 0, rotate: data.length > 8 ? 40 : 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: data.map((d) => d.value),
          label: { show: true, position: 'top' },
          barMaxWidth: 28,
        },
      ],
    },
    width,
    height,
  );
}

/**
 * Stages from the widest to the narrowest (engagement funnel). The labels stand to the right of the
 * funnel in dark text: inside, the narrow last stages cut them off.
 */
export function funnel(data: Datum[], width = 560, height = 280): string {
  return render(
    {
      series: [
        {
          type: 'funnel',
          left: 8,
          width: '60%',
          top: 10,
          bottom: 10,
          sort: 'none',
          minSize: '8%',
          label: { show: true, position: 'right', formatter: '{b}：{c}', color: '#1f2933' },
          // Long enough to clear a steep stage's slanted edge at the label's top.
          labelLine: { show: true, length: 32 },
          data: data.map((d) => ({ name: d.label, value: d.value })),
        },
      ],
    },
    width,
    height,
  );
}

/** Signed amount per month as bars, with the number of signings as a line on a second axis. */
export function amountOverTime(
  months: { month: string; amountWan: number; count: number }[],
  width = 560,
  height = 280,
): string {
  return render(
    {
      legend: { top: 0, data: ['签约金额（万元）', '签约项目数'] },
      grid: {
        left: 8,
        right: 8,
        top: 36,
        bottom: 8,
        outerBoundsMode: 'same',
        outerBoundsContain: 'axisLabel',
      },
      xAxis: { type: 'category', data: months.map((m) => m.month) },
      yAxis: [
        { type: 'value', name: '万元' },
        { type: 'value', name: '项', minInterval: 1 },
      ],
      series: [
        { name: '签约金额（万元）', type: 'bar', data: months.map((m) => m.amountWan), barMaxWidth: 28 },
        { name: '签约项目数', type: 'line', yAxisIndex: 1, data: months.map((m) => m.count) },
      ],
    },
    width,
    height,
  );
}
