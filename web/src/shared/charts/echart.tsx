import type { ECElementEvent } from 'echarts/core';
import { type CSSProperties, type RefObject, useEffect, useRef } from 'react';

import { type ChartInstance, type ChartOption, initChart } from './echarts-core';

export interface EChartProps {
  option: ChartOption;
  /** CSS height of the chart box (the width follows the parent). */
  height: number | string;
  /** Receives the live instance (for PNG export); null after unmount. */
  chartRef?: RefObject<ChartInstance | null>;
  /** Called when a data item (bar, slice, cell) is clicked. */
  onItemClick?: (event: ECElementEvent) => void;
  /** Built-in theme name ('dark') for the big screen; fixed for the life of the component. */
  theme?: string;
  className?: string;
  /** Accessible description of what the chart shows. */
  ariaLabel?: string;
}

/**
 * A small React wrapper around one ECharts instance: init on mount, setOption on change, resize
 * with its box (ResizeObserver), dispose on unmount.
 */
export function EChart({
  option,
  height,
  chartRef,
  onItemClick,
  theme,
  className,
  ariaLabel,
}: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const instanceRef = useRef<ChartInstance | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;
  const themeRef = useRef(theme);

  useEffect(() => {
    const box = boxRef.current;
    if (box === null) {
      return undefined;
    }
    const chart = initChart(box, themeRef.current, { renderer: 'canvas' });
    instanceRef.current = chart;
    if (chartRef !== undefined) {
      chartRef.current = chart;
    }
    chart.on('click', (event) => clickRef.current?.(event));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
      instanceRef.current = null;
      if (chartRef !== undefined) {
        chartRef.current = null;
      }
    };
  }, [chartRef]);

  useEffect(() => {
    instanceRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  const style: CSSProperties = { width: '100%', height };
  return (
    <div
      ref={boxRef}
      className={className}
      style={style}
      role="img"
      aria-label={ariaLabel}
      data-chart=""
    />
  );
}
