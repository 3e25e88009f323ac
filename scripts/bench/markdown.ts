/** The markdown pieces docs/benchmarks.md is written with, shared by report.ts and the profile sections. */

/** A markdown table: a header row, its rule, the rows (cells already formatted). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** A share (0–1) as a percent with one decimal: "12.3 %". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}
