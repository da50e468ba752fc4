// SVG charts for docs/BENCHMARKS.md, drawn by Vega-Lite (compiled to Vega, rendered headless to SVG).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const FONT = { config: { font: 'Helvetica, Arial, sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, labelLimit: 360 } } };

export interface RatePoint { series: string; x: string; median: number; min: number; max: number }

/** Median (point + line) with a min–max rule, log y axis: one line per series. */
export function rateLinesSpec(title: string, xTitle: string, yTitle: string, points: RatePoint[], xOrder: string[]): TopLevelSpec {
  const x = { field: 'x', type: 'ordinal' as const, title: xTitle, sort: xOrder, axis: { labelAngle: 0 } };
  const color = { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, columns: 1 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title, width: 420, height: 240, ...FONT,
    data: { values: points },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'median', type: 'quantitative', title: yTitle, scale: { type: 'log' } }, color } },
      { mark: 'rule', encoding: { x, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' }, color } },
    ],
  };
}

export interface BarPoint { label: string; group?: string; median: number; min: number; max: number }

/**
 * Medians as dots with min–max rules on a horizontal axis (log when asked: bars cannot start at
 * zero on a log scale), and an optional reference line such as the native peak.
 */
export function barsSpec(title: string, xTitle: string, bars: BarPoint[], options: { log?: boolean; reference?: { value: number; label: string } } = {}): TopLevelSpec {
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: null, axis: { labelLimit: 380 } };
  const scale = options.log ? { type: 'log' as const } : {};
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title, width: 380, height: { step: 18 }, ...FONT,
    data: { values: bars },
    layer: [
      { mark: { type: 'rule', color: 'gray' }, encoding: { y, x: { field: 'min', type: 'quantitative', scale }, x2: { field: 'max' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { y, x: { field: 'median', type: 'quantitative', title: xTitle, scale }, color: { field: 'group', type: 'nominal', title: null, legend: bars.some((b) => b.group) ? { orient: 'bottom' } : null } } },
      ...(options.reference
        ? [
            { data: { values: [options.reference] }, mark: { type: 'rule', color: 'firebrick', strokeDash: [4, 3] }, encoding: { x: { field: 'value', type: 'quantitative' } } },
            { data: { values: [options.reference] }, mark: { type: 'text', color: 'firebrick', align: 'right', dx: -4, dy: -4, baseline: 'bottom' }, encoding: { x: { field: 'value', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
          ]
        : []),
    ],
  };
  return spec as unknown as TopLevelSpec;
}

export interface ShareRow { label: string; stage: string; share: number }

/** 100 % stacked bars: where the time goes, per profiled configuration. */
export function sharesSpec(title: string, rows: ShareRow[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title, width: 380, height: { step: 22 }, ...FONT,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'nominal', title: null, sort: null, axis: { labelLimit: 380 } },
      x: { field: 'share', type: 'quantitative', title: 'share of embed time', axis: { format: '%' }, stack: 'normalize' },
      color: { field: 'stage', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  } as TopLevelSpec;
}
