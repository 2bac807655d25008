/** A small SVG chart of latency distributions (cumulative), one line per series. */
export function latencyCdfSvg(series: { name: string; samples: number[]; colour: string }[], title: string): string {
  const W = 720;
  const H = 360;
  const pad = { l: 60, r: 20, t: 40, b: 50 };
  const all = series.flatMap((s) => s.samples).sort((a, b) => a - b);
  const xMax = Math.max(1, all[Math.floor(all.length * 0.999)] ?? 1) * 1.1;
  const x = (v: number) => pad.l + (Math.min(v, xMax) / xMax) * (W - pad.l - pad.r);
  const y = (p: number) => H - pad.b - p * (H - pad.t - pad.b);
  const lines = series.map((s) => {
    const sorted = [...s.samples].sort((a, b) => a - b);
    const step = Math.max(1, Math.floor(sorted.length / 400));
    const pts: string[] = [];
    for (let i = 0; i < sorted.length; i += step) pts.push(`${x(sorted[i]!).toFixed(1)},${y((i + 1) / sorted.length).toFixed(1)}`);
    pts.push(`${x(sorted[sorted.length - 1] ?? 0).toFixed(1)},${y(1).toFixed(1)}`);
    return `<polyline fill="none" stroke="${s.colour}" stroke-width="2" points="${pts.join(' ')}"/>`;
  });
  const ticks = Array.from({ length: 6 }, (_, i) => (xMax / 5) * i);
  const grid = [
    ...ticks.map((v) => `<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(1)}" stroke="#ddd"/><text x="${x(v)}" y="${H - pad.b + 18}" font-size="12" text-anchor="middle">${v.toFixed(1)}</text>`),
    ...[0, 0.5, 0.9, 0.99].map((p) => `<line x1="${pad.l}" y1="${y(p)}" x2="${W - pad.r}" y2="${y(p)}" stroke="#eee"/><text x="${pad.l - 6}" y="${y(p) + 4}" font-size="12" text-anchor="end">p${Math.round(p * 100)}</text>`),
  ];
  const legend = series.map((s, i) => `<rect x="${W - 200}" y="${pad.t + 4 + i * 18}" width="12" height="12" fill="${s.colour}"/><text x="${W - 182}" y="${pad.t + 14 + i * 18}" font-size="12">${s.name} (n=${s.samples.length})</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="22" font-size="15" text-anchor="middle">${title}</text>
${grid.join('\n')}
${lines.join('\n')}
${legend.join('\n')}
<text x="${(W + pad.l) / 2}" y="${H - 10}" font-size="12" text-anchor="middle">milliseconds from tap published to panel state received</text>
</svg>
`;
}
