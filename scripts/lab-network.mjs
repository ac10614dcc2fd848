// A network in the Lab's text form with exactly `lines` lines, for the Lab's benchmark and tests:
// an input line, then repeated residual units (conv, bn, relu inside a residual block, with a
// comment) that keep the 56×56×64 map, and a gap + fc head. Grows linearly with `lines`.

/** @param {number} lines at least 8 */
export function labNetworkText(lines) {
  if (!Number.isInteger(lines) || lines < 8) throw new Error('labNetworkText: lines must be an integer ≥ 8');
  const head = ['input 56x56x64'];
  const tail = ['gap', 'fc 1000'];
  const unit = ['residual {  # a basic unit', '  conv 64 k3 p1 nobias', '  bn', '  relu', '}', 'relu'];
  const body = [];
  while (body.length + unit.length <= lines - head.length - tail.length) body.push(...unit);
  while (body.length < lines - head.length - tail.length) body.push('identity');
  return [...head, ...body, ...tail].join('\n') + '\n';
}
