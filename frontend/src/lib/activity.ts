// The dashboard's 24-hour chart: what it draws and what it says, apart from how it draws it.
import type { components } from "../api/schema";

export type Severity = components["schemas"]["Severity"];
export type Hour = components["schemas"]["HourlyEvents"];

/** Bottom to top in each bar, and left to right in the legend. */
export const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];

export function total(hour: Hour): number {
  return SEVERITIES.reduce((sum, severity) => sum + (hour.by_severity[severity] ?? 0), 0);
}

/** Each severity's slice of a bar, bottom first, as fractions of the chart's height: the
 * tallest bar fills it. */
export function slices(hour: Hour, tallest: number): { severity: Severity; from: number; to: number }[] {
  let from = 0;
  return SEVERITIES.map((severity) => {
    const share = tallest > 0 ? (hour.by_severity[severity] ?? 0) / tallest : 0;
    const slice = { severity, from, to: from + share };
    from += share;
    return slice;
  }).filter((slice) => slice.to > slice.from);
}

const clock = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "14:00": the hour as the operator's clock shows it. */
export function hourLabel(hour: Hour): string {
  return clock.format(new Date(hour.hour));
}

/** One sentence for those who cannot see the chart: how many, and the busiest hour. */
export function summarize(hours: Hour[]): string {
  const sum = hours.reduce((count, hour) => count + total(hour), 0);
  if (sum === 0) return "No events in the last 24 hours.";
  const busiest = hours.reduce((best, hour) => (total(hour) > total(best) ? hour : best));
  const events = (count: number) => `${count} ${count === 1 ? "event" : "events"}`;
  return `${events(sum)} in the last 24 hours; the busiest hour was ${hourLabel(busiest)} with ${events(total(busiest))}.`;
}
