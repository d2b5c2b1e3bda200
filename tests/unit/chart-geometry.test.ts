import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, LineChart } from "~/monitoring/charts";
import { barChart, lineChart, rankingChart, trendChart } from "~/monitoring/charts.server";

/** Chart geometry is computed in loaders with d3 and drawn from plain numbers in the browser (decision 135). */
describe("chart geometry from the loader", () => {
  it("bars: heights proportional to the values, on the baseline, equal widths", () => {
    const g = barChart([
      { label: "A", value: 10 },
      { label: "B", value: 5 },
      { label: "C", value: 0 },
    ]);
    expect(g.baseline).toBe(132);
    expect(g.bars.map((b) => b.height)).toEqual([122, 61, 0]);
    expect(g.bars.every((b) => b.y + b.height === g.baseline)).toBe(true);
    expect(new Set(g.bars.map((b) => b.width)).size).toBe(1);
    expect(g.bars[0].x).toBeLessThan(g.bars[1].x);
    const svg = renderToStaticMarkup(createElement(BarChart, { chart: JSON.parse(JSON.stringify(g)), testId: "c" }));
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('height="61"');
  });

  it("line: one path through every point, a label on every step-th point", () => {
    const g = lineChart(Array.from({ length: 12 }, (_, i) => ({ label: String(i + 1).padStart(2, "0"), value: i * 100 })));
    expect(g.path).toMatch(/^M[\d.]+,132L/);
    expect(g.points[11].y).toBe(10);
    expect(g.points.filter((p) => p.showLabel).map((p) => p.label)).toEqual(["01", "03", "05", "07", "09", "11"]);
    expect(renderToStaticMarkup(createElement(LineChart, { chart: g })).match(/<circle /g)).toHaveLength(12);
    expect(lineChart([]).path).toBeNull();
  });

  it("ranking keeps the eight ranked partners; trend counts a month without an index as 0", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ rank: i < 9 ? i + 1 : null, index: i < 9 ? 90 - i : null }));
    expect(rankingChart(rows).bars.map((b) => b.label)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(trendChart([{ month: "2026-10", index: null }, { month: "2026-11", index: 50 }]).points.map((p) => [p.label, p.y])).toEqual([
      ["10", 132],
      ["11", 10],
    ]);
  });
});
