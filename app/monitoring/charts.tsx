import { scaleBand, scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import type { ReactNode } from "react";

/**
 * Charts drawn on the server as SVG (d3-scale/d3-shape compute the geometry, React writes the markup), so
 * they show without JavaScript and on weak links. Each chart is decorative for screen readers
 * (`aria-hidden`): the table beside it carries the same figures (decision 082).
 */
export type ChartDatum = { label: string; value: number };

const WIDTH = 320;
const HEIGHT = 160;
const M = { top: 10, right: 8, bottom: 28, left: 8 };

export function BarChart({ data, testId }: { data: ChartDatum[]; testId?: string }) {
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([M.left, WIDTH - M.right])
    .padding(0.25);
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear().domain([0, max]).range([HEIGHT - M.bottom, M.top]);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-md" aria-hidden="true" data-testid={testId} role="presentation">
      <line x1={M.left} x2={WIDTH - M.right} y1={HEIGHT - M.bottom} y2={HEIGHT - M.bottom} stroke="#a8a29e" />
      {data.map((d) => (
        <g key={d.label}>
          <rect x={x(d.label)} y={y(d.value)} width={x.bandwidth()} height={Math.max(0, HEIGHT - M.bottom - y(d.value))} fill="#0f766e" />
          <text x={(x(d.label) ?? 0) + x.bandwidth() / 2} y={HEIGHT - M.bottom + 14} textAnchor="middle" fontSize="10" fill="#44403c">
            {d.label}
          </text>
          <text x={(x(d.label) ?? 0) + x.bandwidth() / 2} y={y(d.value) - 2} textAnchor="middle" fontSize="10" fill="#1c1917">
            {d.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function LineChart({ data, testId }: { data: ChartDatum[]; testId?: string }) {
  const x = scaleBand<string>()
    .domain(data.map((d) => d.label))
    .range([M.left, WIDTH - M.right])
    .padding(0.1);
  const max = Math.max(1, ...data.map((d) => d.value));
  const y = scaleLinear().domain([0, max]).range([HEIGHT - M.bottom, M.top]);
  const cx = (d: ChartDatum) => (x(d.label) ?? 0) + x.bandwidth() / 2;
  const path = line<ChartDatum>()
    .x(cx)
    .y((d) => y(d.value))(data);
  const step = Math.max(1, Math.ceil(data.length / 6));
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-md" aria-hidden="true" data-testid={testId} role="presentation">
      <line x1={M.left} x2={WIDTH - M.right} y1={HEIGHT - M.bottom} y2={HEIGHT - M.bottom} stroke="#a8a29e" />
      {path ? <path d={path} fill="none" stroke="#0f766e" strokeWidth={2} /> : null}
      {data.map((d, i) => (
        <g key={d.label}>
          <circle cx={cx(d)} cy={y(d.value)} r={3} fill="#0f766e" />
          {i % step === 0 ? (
            <text x={cx(d)} y={HEIGHT - M.bottom + 14} textAnchor="middle" fontSize="10" fill="#44403c">
              {d.label}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}

/** A chart with its accessible table beside it (below on a phone). */
export function ChartWithTable({ title, chart, table }: { title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <figure className="card space-y-2">
      <figcaption className="text-lg font-semibold">{title}</figcaption>
      <div className="grid gap-3 md:grid-cols-2">
        <div>{chart}</div>
        <div tabIndex={0} className="overflow-x-auto">{table}</div>
      </div>
    </figure>
  );
}
