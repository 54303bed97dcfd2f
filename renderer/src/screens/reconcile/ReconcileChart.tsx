import type { ReconcileDay } from '../../../../preload/contract';
import { day, money } from '../../lib/format';

interface Point {
  date: string;
  por: number;
  qbo: number;
  diff: boolean;
}

/** POR vs QuickBooks per day, as paired bars; a day that differs gets a red marker. Data also in the table below. */
export function ReconcileChart({ days }: { days: ReconcileDay[] }) {
  const byDate = new Map<string, Point>();
  for (const d of days) {
    const p = byDate.get(d.date) ?? { date: d.date, por: 0, qbo: 0, diff: false };
    p.por += d.porCents;
    p.qbo += d.qboCents;
    p.diff ||= d.status !== 'match';
    byDate.set(d.date, p);
  }
  const points = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  if (points.length === 0) return null;
  const W = 760;
  const H = 200;
  const padL = 64;
  const padB = 28;
  const padT = 12;
  const max = Math.max(1, ...points.map((p) => Math.max(p.por, p.qbo)));
  const slot = (W - padL - 8) / points.length;
  const bar = Math.max(2, Math.min(18, slot / 2 - 3));
  const y = (v: number) => padT + (H - padT - padB) * (1 - v / max);
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  const diffs = points.filter((p) => p.diff).length;
  const label = `Chart of POR and QuickBooks totals for ${points.length} days; ${diffs ? `${diffs} with a difference` : 'all match'}.`;
  const every = Math.ceil(points.length / 10);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={padL} x2={W - 4} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={padL - 6} y={y(t) + 4} textAnchor="end" className="chart-axis">
              {money(t).replace(/\.\d\d$/, '')}
            </text>
          </g>
        ))}
        {points.map((p, i) => {
          const x = padL + i * slot + slot / 2;
          return (
            <g key={p.date}>
              <title>{`${day(p.date)}: POR ${money(p.por)}, QuickBooks ${money(p.qbo)}`}</title>
              <rect x={x - bar - 1} y={y(p.por)} width={bar} height={Math.max(0, y(0) - y(p.por))} className="chart-por" />
              <rect x={x + 1} y={y(p.qbo)} width={bar} height={Math.max(0, y(0) - y(p.qbo))} className="chart-qbo" />
              {p.diff ? <circle cx={x} cy={padT + 2} r={4} className="chart-diff" /> : null}
              {i % every === 0 ? (
                <text x={x} y={H - 8} textAnchor="middle" className="chart-axis">
                  {p.date.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <i className="swatch chart-por" aria-hidden="true" /> POR
        </span>
        <span>
          <i className="swatch chart-qbo" aria-hidden="true" /> QuickBooks
        </span>
        <span>
          <i className="swatch chart-diff round" aria-hidden="true" /> Day with a difference
        </span>
      </figcaption>
    </figure>
  );
}
