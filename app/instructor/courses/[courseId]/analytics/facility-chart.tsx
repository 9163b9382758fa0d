"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Bar chart of facility and first-try rate per question. The figure is named by its caption, and
 * the table after it holds the same numbers, which is the text alternative for screen readers.
 */
export function FacilityChart({ data, tableId }: { data: { label: string; facility: number; firstTry: number }[]; tableId: string }) {
  return (
    <figure aria-labelledby="facility-chart-caption">
      <figcaption id="facility-chart-caption">
        Facility and first-try success rate per question, in percent. The same values are in the{" "}
        <a href={`#${tableId}`}>question table</a>.
      </figcaption>
      <div className="chart-box" role="img" aria-label="Bar chart of facility and first-try success rate per question">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" domain={[0, 100]} unit="%" />
            <YAxis type="category" dataKey="label" width={140} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(value) => `${Number(value).toFixed(1)}%`} />
            <Bar dataKey="facility" name="Facility" fill="#2b6cb0" />
            <Bar dataKey="firstTry" name="First-try success" fill="#c05621" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
