import type { ReactNode } from "react";

/**
 * Charts drawn on the server as SVG, so they show without JavaScript and on weak links. The geometry is
 * computed by d3-scale/d3-shape in the loader (charts.server.ts) and sent as numbers, so d3 stays out of the
 * browser bundle (decision 135); these components only write the markup. Each chart is decorative for
 * screen readers (`aria-hidden`): the table beside it carries the same figures (decision 082).
 */
export type ChartDatum = { label: string; value: number };
export type ChartFrame = { width: number; height: number; left: number; right: number; baseline: number };
export type BarGeometry = ChartFrame & { bars: { label: string; value: number; x: number; y: number; width: number; height: number }[] };
export type LineGeometry = ChartFrame & { path: string | null; points: { label: string; x: number; y: number; showLabel: boolean }[] };

function Frame({ chart, testId, children }: { chart: ChartFrame; testId?: string; children: ReactNode }) {
  return (
    <svg viewBox={`0 0 ${chart.width} ${chart.height}`} className="h-auto w-full max-w-md" aria-hidden="true" data-testid={testId} role="presentation">
      <line x1={chart.left} x2={chart.right} y1={chart.baseline} y2={chart.baseline} stroke="#a8a29e" />
      {children}
    </svg>
  );
}

export function BarChart({ chart, testId }: { chart: BarGeometry; testId?: string }) {
  return (
    <Frame chart={chart} testId={testId}>
      {chart.bars.map((b) => (
        <g key={b.label}>
          <rect x={b.x} y={b.y} width={b.width} height={b.height} fill="#0f766e" />
          <text x={b.x + b.width / 2} y={chart.baseline + 14} textAnchor="middle" fontSize="10" fill="#44403c">
            {b.label}
          </text>
          <text x={b.x + b.width / 2} y={b.y - 2} textAnchor="middle" fontSize="10" fill="#1c1917">
            {b.value}
          </text>
        </g>
      ))}
    </Frame>
  );
}

export function LineChart({ chart, testId }: { chart: LineGeometry; testId?: string }) {
  return (
    <Frame chart={chart} testId={testId}>
      {chart.path ? <path d={chart.path} fill="none" stroke="#0f766e" strokeWidth={2} /> : null}
      {chart.points.map((p) => (
        <g key={p.label}>
          <circle cx={p.x} cy={p.y} r={3} fill="#0f766e" />
          {p.showLabel ? (
            <text x={p.x} y={chart.baseline + 14} textAnchor="middle" fontSize="10" fill="#44403c">
              {p.label}
            </text>
          ) : null}
        </g>
      ))}
    </Frame>
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
