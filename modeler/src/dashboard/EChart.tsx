// A small ECharts host: only the chart types the dashboard uses are bundled; the chart follows its box's size.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** A clicked point: its category (the x value), its series, and its index in the series. */
export interface ChartPoint { name: string; seriesName: string; dataIndex: number }

export function EChart({ option, ariaLabel, testId, onPointClick }: { option: ChartOption; ariaLabel: string; testId?: string; onPointClick?: (point: ChartPoint) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onPointClick);
  clicked.current = onPointClick;

  useEffect(() => {
    if (!box.current) return undefined;
    const instance = echarts.init(box.current);
    chart.current = instance;
    instance.on('click', (p) => { clicked.current?.({ name: String(p.name), seriesName: String(p.seriesName ?? ''), dataIndex: p.dataIndex }); });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => { observer.disconnect(); instance.dispose(); chart.current = null; };
  }, []);

  useEffect(() => { chart.current?.setOption(option, true); }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={ariaLabel} data-testid={testId} />;
}
