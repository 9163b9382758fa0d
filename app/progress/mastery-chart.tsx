"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One chart row: a UTC day and each charted topic's mastery in percent. */
export type ChartRow = { day: string } & Record<string, number | string>;

export interface ChartSeries {
  topic: string;
  title: string;
}

// Eight colours from the Okabe–Ito palette, which stays distinguishable with common colour-vision
// deficiencies; dash patterns tell apart topics that share a colour.
const COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8B6F00"];
const DASHES = [undefined, "6 3", "2 2", "8 3 2 3"];

/**
 * Line chart of mastery per topic over time. The svg carries `title` as its accessible name;
 * the data table under it on the page is the text alternative.
 */
export function MasteryChart({
  rows,
  series,
  title,
  description,
  thresholdPercent,
}: {
  rows: ChartRow[];
  series: ChartSeries[];
  title: string;
  description: string;
  thresholdPercent: number;
}) {
  return (
    <div className="chart-box">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} title={title} desc={description} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis domain={[0, 100]} unit="%" width={48} />
          <Tooltip formatter={(value) => `${value}%`} />
          <Legend />
          <ReferenceLine y={thresholdPercent} stroke="#505a66" strokeDasharray="4 4" label="mastered" />
          {series.map((line, index) => (
            <Line
              key={line.topic}
              type="monotone"
              dataKey={line.topic}
              name={line.title}
              stroke={COLOURS[index % COLOURS.length]}
              strokeDasharray={DASHES[Math.floor(index / COLOURS.length) % DASHES.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
