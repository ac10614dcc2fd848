/** A network in the Lab's text form with exactly `lines` lines (lines ≥ 8). */
export function labNetworkText(lines: number): string;
