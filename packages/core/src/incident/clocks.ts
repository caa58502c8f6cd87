// Incident clocks (forensics §4.9): plain arithmetic on epoch milliseconds, UTC weekdays only.
import { roundN } from "../format.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function addMinutes(now: number, minutes: number): string {
  return new Date(now + minutes * MINUTE).toISOString();
}

/** N business days later at the same time of day; Saturdays and Sundays (UTC) do not count. */
export function addBusinessDays(now: number, days: number): string {
  let t = now;
  let left = days;
  while (left > 0) {
    t += DAY;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t).toISOString();
}

export interface SlaClock {
  deadline_utc: string;
  remaining_hours: number;
  breached: boolean;
}

export function slaClock(openedMs: number, slaHours: number, now: number): SlaClock {
  const deadline = openedMs + slaHours * HOUR;
  const remaining = (deadline - now) / HOUR;
  // roundN works on magnitudes; keep the sign outside so half-to-even holds for overdue clocks too.
  const rounded = remaining < 0 ? -roundN(-remaining, 2) : roundN(remaining, 2);
  return { deadline_utc: new Date(deadline).toISOString(), remaining_hours: rounded === 0 ? 0 : rounded, breached: now > deadline };
}
