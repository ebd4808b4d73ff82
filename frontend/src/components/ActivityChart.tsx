import type { CSSProperties } from "react";
import { type Hour, hourLabel, SEVERITIES, slices, summarize, total } from "../lib/activity";
import { formatCount } from "../lib/format";

const BAR = 20; // each hour's width in the drawing's units; the bar leaves a gap of 4
const HEIGHT = 100;

/** Events per hour over the last 24 hours, stacked by severity, with its numbers as a table
 * for anyone who cannot see it (and a sentence that sums it up as the image's name). */
export function ActivityChart({ hours }: { hours: Hour[] }) {
  const tallest = Math.max(0, ...hours.map(total));
  return (
    <figure className="chart" aria-labelledby="activity-heading">
      <h2 id="activity-heading">Events per hour, last 24 hours</h2>
      <svg
        role="img"
        aria-label={summarize(hours)}
        viewBox={`0 0 ${hours.length * BAR} ${HEIGHT}`}
        preserveAspectRatio="none"
      >
        <line className="grid" x1={0} x2={hours.length * BAR} y1={HEIGHT} y2={HEIGHT} />
        {hours.map((hour, index) => (
          <g key={hour.hour}>
            <title>{`${hourLabel(hour)}: ${formatCount(total(hour))}`}</title>
            {slices(hour, tallest).map(({ severity, from, to }) => (
              <rect
                key={severity}
                className={severity}
                x={index * BAR + 2}
                width={BAR - 4}
                y={HEIGHT * (1 - to)}
                height={HEIGHT * (to - from)}
              />
            ))}
          </g>
        ))}
      </svg>
      <div className="axis-labels" aria-hidden>
        {hours.map((hour, index) => (
          <span key={hour.hour}>{index % 6 === 0 ? hourLabel(hour) : ""}</span>
        ))}
      </div>
      <ul className="legend" aria-label="Severities">
        {SEVERITIES.map((severity) => (
          <li key={severity} style={{ "--swatch": `var(--${severity})` } as CSSProperties}>
            {severity}
          </li>
        ))}
      </ul>
      <details>
        <summary>The numbers, hour by hour</summary>
        <table className="list" aria-label="Events per hour">
          <thead>
            <tr>
              <th scope="col">Hour</th>
              {SEVERITIES.map((severity) => (
                <th key={severity} scope="col">
                  {severity}
                </th>
              ))}
              <th scope="col">All</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => (
              <tr key={hour.hour}>
                <th scope="row">
                  <time dateTime={hour.hour}>{hourLabel(hour)}</time>
                </th>
                {SEVERITIES.map((severity) => (
                  <td key={severity} data-label={severity}>
                    {formatCount(hour.by_severity[severity] ?? 0)}
                  </td>
                ))}
                <td data-label="All">{formatCount(total(hour))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
