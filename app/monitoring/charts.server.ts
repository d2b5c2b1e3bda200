import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { BarGeometry, ChartDatum, ChartFrame, LineGeometry } from "./charts";

/**
 * Chart geometry for the SVG charts of charts.tsx, computed in the loader with d3-scale/d3-shape (decision 135:
 * d3 ≈ 15 KB gzipped no longer travels to the browser; the page gets the numbers).
 */
const WIDTH = 320;
const HEIGHT = 160;
const M = { top: 10, right: 8, bottom: 28, left: 8 };
const FRAME: ChartFrame = { width: WIDTH, height: HEIGHT, left: M.left, right: WIDTH - M.right, baseline: HEIGHT - M.bottom };

function scales(data: ChartDatum[], padding: number) {
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([M.left, WIDTH - M.right])
    .padding(padding);
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear().domain([0, max]).range([HEIGHT - M.bottom, M.top]);
  return { x, y };
}

export function barChart(data: ChartDatum[]): BarGeometry {
  const { x, y } = scales(data, 0.25);
  return {
    ...FRAME,
    bars: data.map((d) => ({ label: d.label, value: d.value, x: x(d.label) ?? 0, y: y(d.value), width: x.bandwidth(), height: Math.max(0, HEIGHT - M.bottom - y(d.value)) })),
  };
}

export function lineChart(data: ChartDatum[]): LineGeometry {
  const { x, y } = scales(data, 0.1);
  const cx = (d: ChartDatum) => (x(d.label) ?? 0) + x.bandwidth() / 2;
  const step = Math.max(1, Math.ceil(data.length / 6));
  return {
    ...FRAME,
    path: line<ChartDatum>()
      .x(cx)
      .y((d) => y(d.value))(data),
    points: data.map((d, i) => ({ label: d.label, x: cx(d), y: y(d.value), showLabel: i % step === 0 })),
  };
}

/** The overview's two charts (Dinas overview page and its share link): groups formed per kecamatan, revenue per month. */
export function overviewCharts(o: { groups: { byKecamatan: { kecamatan: string; formed: number }[] }; revenue: { byMonth: { month: string; amount: number }[] } }) {
  return {
    kecamatan: barChart(o.groups.byKecamatan.map((k) => ({ label: k.kecamatan, value: k.formed }))),
    revenue: lineChart(o.revenue.byMonth.map((r) => ({ label: r.month.slice(5), value: r.amount }))),
  };
}

/** The eight best-ranked partners' enthusiasm index (partners page). */
export function rankingChart(rows: { rank: number | null; index: number | null }[]): BarGeometry {
  return barChart(
    rows
      .filter((r) => r.index !== null)
      .slice(0, 8)
      .map((r) => ({ label: String(r.rank), value: r.index ?? 0 })),
  );
}

/** One partner's index per month (partner evidence page). */
export function trendChart(trend: { month: string; index: number | null }[]): LineGeometry {
  return lineChart(trend.map((p) => ({ label: p.month.slice(5), value: p.index ?? 0 })));
}
